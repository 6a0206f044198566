import type { Fault } from '@/server/domain/faults';
import { fieldErrorsOf, firstIssueText } from '@/server/domain/field-errors';
import { domainError, err, type DomainError, type Result } from '@/server/domain/result';
import type { DataScienceProvider, FaultChange, FaultInjectionApi } from '@/server/providers/types';
import { startFaultSchema, toFaultSpec } from '@/server/validation/faults';

// Fault injection for the console and the API: validated input in, the provider's capability out,
// or a clear NotImplemented where the provider has none (the OCI provider).

const unsupported = (): DomainError => domainError('NotImplemented', 'Fault injection is not offered by the provider of this context.');

function capability(provider: DataScienceProvider): Result<FaultInjectionApi, DomainError> {
  return provider.capabilities.faultInjection && provider.faultInjection ? { ok: true, data: provider.faultInjection } : err(unsupported());
}

export function createFaultsService(provider: DataScienceProvider) {
  return {
    supported: provider.capabilities.faultInjection && provider.faultInjection !== undefined,

    async list(modelDeploymentId: string): Promise<Result<Fault[], DomainError>> {
      const api = capability(provider);
      return api.ok ? api.data.listFaults(modelDeploymentId) : api;
    },

    /** Input as it comes from a form or a request body; refused with the field named when invalid. */
    async start(modelDeploymentId: string, input: unknown): Promise<Result<FaultChange, DomainError>> {
      const api = capability(provider);
      if (!api.ok) return api;
      const parsed = startFaultSchema.safeParse(input);
      if (!parsed.success) {
        const { issues } = parsed.error;
        return err(domainError('InvalidParameter', firstIssueText(issues, 'The fault is not valid.'), fieldErrorsOf(issues, { fallback: 'kind' })));
      }
      return api.data.startFault(modelDeploymentId, { spec: toFaultSpec(parsed.data), durationSeconds: parsed.data.durationSeconds });
    },

    async stop(modelDeploymentId: string, faultId: string): Promise<Result<FaultChange, DomainError>> {
      const api = capability(provider);
      return api.ok ? api.data.stopFault(modelDeploymentId, faultId) : api;
    },
  };
}
