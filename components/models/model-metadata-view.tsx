import { KeyValue } from '@/components/ui/key-value';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import type { Metadata, ModelProvenance } from '@/server/domain/oci-types';
import { DEFINED_METADATA_KEYS, DEFINED_METADATA_LABELS } from '@/server/validation/model';
import { PROVENANCE_LABELS, taxonomyFromMetadata, type ProvenanceValues } from './model-form-values';

function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function Code({ text }: { text: string }) {
  return <pre className="max-h-80 overflow-auto rounded-md border border-gray-200 bg-gray-50 p-2 font-mono text-xs text-gray-800">{prettyJson(text)}</pre>;
}

export function TaxonomyView({ list }: { list: readonly Metadata[] | undefined }) {
  const t = taxonomyFromMetadata(list);
  return (
    <KeyValue
      items={DEFINED_METADATA_KEYS.map((k) => ({
        label: DEFINED_METADATA_LABELS[k],
        value: k === 'Hyperparameters' && t[k] ? <Code text={t[k]} /> : t[k],
      }))}
    />
  );
}

export function CustomMetadataView({ list }: { list: readonly Metadata[] | undefined }) {
  if (!list?.length) return <p className="text-sm text-gray-500">No custom metadata.</p>;
  return (
    <Table label="Custom metadata">
      <THead>
        <TR>
          <TH>Key</TH>
          <TH>Value</TH>
          <TH>Category</TH>
          <TH>Description</TH>
        </TR>
      </THead>
      <TBody>
        {list.map((m, i) => (
          <TR key={`${m.key ?? ''}-${i}`}>
            <TD className="font-medium">{m.key}</TD>
            <TD className="break-all">{m.value}</TD>
            <TD>{m.category}</TD>
            <TD>{m.description}</TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}

export function SchemaView({ label, text }: { label: string; text: string | undefined }) {
  return (
    <div className="flex flex-col gap-1">
      <h3 className="text-sm font-medium text-gray-800">{label}</h3>
      {text ? <Code text={text} /> : <p className="text-sm text-gray-500">No {label.toLowerCase()}.</p>}
    </div>
  );
}

export function ProvenanceView({ provenance }: { provenance: ModelProvenance }) {
  const keys = Object.keys(PROVENANCE_LABELS) as (keyof ProvenanceValues)[];
  if (!keys.some((k) => provenance[k])) return <p className="text-sm text-gray-500">No provenance recorded.</p>;
  return <KeyValue items={keys.map((k) => ({ label: PROVENANCE_LABELS[k], value: provenance[k] }))} />;
}
