// Mantine's preset: rem()/em() functions, light-dark() mixins and breakpoint helpers in CSS modules.
module.exports = {
  plugins: {
    'postcss-preset-mantine': {},
  },
};
