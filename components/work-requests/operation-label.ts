const LABELS: Record<string, string> = {
  PROJECT_DELETE: 'Delete project',
  MODEL_DEPLOYMENT_CREATE: 'Create model deployment',
  MODEL_DEPLOYMENT_UPDATE: 'Update model deployment',
  MODEL_DEPLOYMENT_DELETE: 'Delete model deployment',
  MODEL_DEPLOYMENT_ACTIVATE: 'Activate model deployment',
  MODEL_DEPLOYMENT_DEACTIVATE: 'Deactivate model deployment',
  MODEL_DEPLOYMENT_FAULT_ON: 'Fault injection on',
  MODEL_DEPLOYMENT_FAULT_OFF: 'Fault injection off',
};

export const operationLabel = (op: string): string => LABELS[op] ?? op.toLowerCase().replace(/_/g, ' ');
