import { codeError, errorResponse, invalidParameter, requestIdOf } from '@/app/api/model-deployments/_lib/respond';
import { readJsonBody } from '@/app/api/_lib/body';
import { getAppContext } from '@/server/services/context';
import { createDeploymentChecks } from '@/server/services/deployment-checks';
import { accessIn } from '@/server/services/identity/access';
import { deploymentCheckRequestSchema, type CheckEvent } from '@/server/validation/deployment-check';
import { withPrincipal } from '@/app/api/_lib/with-principal';

export const dynamic = 'force-dynamic';

// Check before create (a console extension, no OCI operation): the body is the
// modelDeploymentConfigurationDetails a create would send; the answer streams one JSON event a
// line (application/x-ndjson) as the check goes, and ends with the report.

const MAX_BODY_BYTES = 256 * 1024;

export const POST = withPrincipal(async (req) => {
  const requestId = requestIdOf(req);
  const body = await readJsonBody(req, requestId, '{ modelDeploymentConfigurationDetails }', MAX_BODY_BYTES);
  if (!body.ok) return body.response;
  const parsed = deploymentCheckRequestSchema.safeParse(body.value);
  if (!parsed.success) return errorResponse(invalidParameter(parsed.error), requestId);
  const ctx = getAppContext();
  const checks = createDeploymentChecks((await ctx.session()).provider, { mayDeployIn: async (c) => (await accessIn(ctx, c, 'data-science-model-deployments')).canCreate });
  if (!checks.available()) return errorResponse(codeError('NotImplemented', 'This provider cannot run a configuration before it is created.'), requestId);

  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let open = true;
      const send = (event: CheckEvent) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(`${JSON.stringify(event)}\n`));
        } catch {
          // The client went away; the check still finishes and removes its container.
          open = false;
        }
      };
      try {
        const result = await checks.run(parsed.data, {
          plan: (items) => send({ type: 'plan', items: [...items] }),
          step: (message) => send({ type: 'step', message }),
          item: (item) => send({ type: 'item', item }),
        });
        send(result.ok ? { type: 'report', report: result.data } : { type: 'error', code: result.error.code, message: result.error.message });
      } catch (cause) {
        console.error('deployment check failed', cause);
        send({ type: 'error', code: 'InternalServerError', message: 'The check failed on the server. The details are in the server log.' });
      } finally {
        if (open) controller.close();
      }
    },
  });
  return new Response(stream, { headers: { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store', 'opc-request-id': requestId } });
});
