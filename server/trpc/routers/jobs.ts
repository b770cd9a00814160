import { z } from 'zod';
import { ZJobActionResult, ZJobDetail, ZJobId, ZJobWorkersOutput, ZJobsListInput, ZJobsListOutput, ZJobsOverview } from '../../../shared/jobs.ts';
import { deleteJob } from '../../jobs/delete-job.ts';
import { getJob } from '../../jobs/get-job.ts';
import { getJobsOverview } from '../../jobs/get-jobs-overview.ts';
import { listJobWorkers } from '../../jobs/list-job-workers.ts';
import { listJobs } from '../../jobs/list-jobs.ts';
import { retryJob } from '../../jobs/retry-job.ts';
import { runJobNow } from '../../jobs/run-job-now.ts';
import { setJobDisabled } from '../../jobs/set-job-disabled.ts';
import { adminProcedure, router, staffProcedure } from '../init.ts';

const actor = (ctx: { user: { id: string }; requestId: string }) => ({ actorId: ctx.user.id, requestId: ctx.requestId });

/** CAL-O3: the jobs dashboard. Support reads, retries and runs; only admins disable or delete. */
export const jobsRouter = router({
  overview: staffProcedure.output(ZJobsOverview).query(() => getJobsOverview()),
  list: staffProcedure.input(ZJobsListInput).output(ZJobsListOutput).query(({ input }) => listJobs(input)),
  get: staffProcedure.input(ZJobId).output(ZJobDetail).query(({ input }) => getJob(input)),
  workers: staffProcedure.output(ZJobWorkersOutput).query(() => listJobWorkers()),

  retry: staffProcedure.input(ZJobId).output(ZJobActionResult).mutation(({ input, ctx }) => retryJob({ id: input.id, actor: actor(ctx) })),
  runNow: staffProcedure.input(ZJobId).output(ZJobActionResult).mutation(({ input, ctx }) => runJobNow({ id: input.id, actor: actor(ctx) })),
  setDisabled: adminProcedure
    .input(ZJobId.extend({ disabled: z.boolean() }))
    .output(ZJobActionResult)
    .mutation(({ input, ctx }) => setJobDisabled({ id: input.id, disabled: input.disabled, actor: actor(ctx) })),
  delete: adminProcedure.input(ZJobId).output(ZJobActionResult).mutation(({ input, ctx }) => deleteJob({ id: input.id, actor: actor(ctx) })),
});
