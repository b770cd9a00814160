import {
  ZCreateUserInput,
  ZSetDisabledInput,
  ZSetRoleInput,
  ZUserListItem,
  ZUsersListInput,
  ZUsersListOutput,
} from '../../../shared/users.ts';
import { createUser } from '../../users/create-user.ts';
import { listUsers } from '../../users/list-users.ts';
import { updateUserAccess } from '../../users/update-user-access.ts';
import { adminProcedure, router } from '../init.ts';

export const usersRouter = router({
  list: adminProcedure
    .input(ZUsersListInput)
    .output(ZUsersListOutput)
    .query(({ input }) => listUsers(input)),

  create: adminProcedure
    .input(ZCreateUserInput)
    .output(ZUserListItem)
    .mutation(({ input, ctx }) => createUser({ input, actorId: ctx.user.id, requestId: ctx.requestId })),

  setRole: adminProcedure
    .input(ZSetRoleInput)
    .output(ZUserListItem)
    .mutation(({ input, ctx }) =>
      updateUserAccess({ id: input.id, change: { role: input.role }, actorId: ctx.user.id, requestId: ctx.requestId }),
    ),

  setDisabled: adminProcedure
    .input(ZSetDisabledInput)
    .output(ZUserListItem)
    .mutation(({ input, ctx }) =>
      updateUserAccess({ id: input.id, change: { disabled: input.disabled }, actorId: ctx.user.id, requestId: ctx.requestId }),
    ),
});
