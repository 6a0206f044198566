/** GetModelArtifactContent, as a download link. */
export const artifactHref = (modelId: string) => `/api/models/${encodeURIComponent(modelId)}/artifact`;
