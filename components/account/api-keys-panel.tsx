'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition, type ChangeEvent, type FormEvent } from 'react';
import { FormAlert } from '@/components/forms/form-alert';
import { FormattedTime } from '@/components/formatted-time';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { Textarea } from '@/components/ui/textarea';
import type { OciProfileInput } from '@/server/domain/oci-config-profile';
import { generateApiKeyAction } from '@/server/actions/account/generate-api-key';
import { uploadApiKeyAction } from '@/server/actions/account/upload-api-key';
import { ApiKeyAdded, type AddedKey } from './api-key-added';
import { DeleteApiKeyButton } from './delete-api-key-button';

export interface ApiKeysPanelProps {
  keys: { id: string; fingerprint: string; timeCreated: string }[];
  max: number;
  profile: Omit<OciProfileInput, 'fingerprint'>;
}

export function ApiKeysPanel({ keys, max, profile }: ApiKeysPanelProps) {
  const router = useRouter();
  const [pem, setPem] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState<AddedKey | null>(null);
  const [pending, start] = useTransition();
  const full = keys.length >= max;

  const done = (result: Awaited<ReturnType<typeof uploadApiKeyAction>> | Awaited<ReturnType<typeof generateApiKeyAction>>) => {
    if (!result.ok) {
      setError(result.fieldErrors?.publicKeyPem ?? result.error);
      return;
    }
    setError(null);
    setPem('');
    setAdded('privateKeyPem' in result.data ? { fingerprint: result.data.fingerprint, privateKeyPem: result.data.privateKeyPem } : { fingerprint: result.data.fingerprint });
    router.refresh();
  };
  const upload = (e: FormEvent) => {
    e.preventDefault();
    start(async () => done(await uploadApiKeyAction({ publicKeyPem: pem })));
  };
  const generate = () => start(async () => done(await generateApiKeyAction({})));
  const readFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    // A PEM public key is well under a kilobyte; a file far larger is not one and is left unread.
    if (file.size > 64_000) {
      setError(`${file.name} is too large to be a public key.`);
      return;
    }
    setError(null);
    setPem(await file.text());
  };

  return (
    <div className="flex flex-col gap-5">
      {added && <ApiKeyAdded added={added} profile={profile} onDone={() => setAdded(null)} />}
      <section aria-labelledby="api-keys-list" className="flex flex-col gap-2">
        <h2 id="api-keys-list" className="text-base font-semibold text-gray-900">
          Your API keys ({keys.length} of {max})
        </h2>
        {keys.length === 0 ? (
          <p className="text-sm text-gray-600">No API keys yet. Add one below to sign requests to the OCI-compatible API with the OCI SDK or CLI.</p>
        ) : (
          <Table label="API keys">
            <THead>
              <TR>
                <TH>Fingerprint</TH>
                <TH>Created</TH>
                <TH>
                  <span className="sr-only">Actions</span>
                </TH>
              </TR>
            </THead>
            <TBody>
              {keys.map((k) => (
                <TR key={k.id}>
                  <TD className="font-mono text-xs">{k.fingerprint}</TD>
                  <TD>
                    <FormattedTime iso={k.timeCreated} />
                  </TD>
                  <TD className="text-right">
                    <DeleteApiKeyButton id={k.id} fingerprint={k.fingerprint} />
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </section>
      <section aria-labelledby="api-keys-add" className="flex flex-col gap-3 rounded-lg border border-gray-200 bg-white p-4">
        <h2 id="api-keys-add" className="text-base font-semibold text-gray-900">
          Add an API key
        </h2>
        {full && (
          <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            You have {max} API keys, the most a user can hold. Delete one you no longer use to add another.
          </p>
        )}
        {error && <FormAlert message={error} />}
        <form onSubmit={upload} className="flex flex-col gap-3">
          <Field label="Public key (PEM)" hint="An RSA key of at least 2048 bits: -----BEGIN PUBLIC KEY----- (openssl rsa -in key.pem -pubout) or -----BEGIN RSA PUBLIC KEY-----.">
            <Textarea rows={8} value={pem} onChange={(e) => setPem(e.target.value)} className="font-mono text-xs" spellCheck={false} />
          </Field>
          <Field label="Or choose a public key file">
            <input type="file" accept=".pem,.pub,.txt,application/x-pem-file" onChange={(e) => void readFile(e)} className="text-sm" />
          </Field>
          <div className="flex flex-wrap items-center gap-2">
            <Button type="submit" variant="primary" loading={pending} disabled={full || pem.trim() === ''}>
              Add public key
            </Button>
            <span className="text-sm text-gray-500">or</span>
            <Button onClick={generate} disabled={full || pending}>
              Generate API key pair
            </Button>
          </div>
        </form>
      </section>
    </div>
  );
}
