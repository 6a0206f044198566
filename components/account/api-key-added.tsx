'use client';

import { CodeBlock } from '@/components/deployments/code-block';
import { Button } from '@/components/ui/button';
import { ociConfigProfile, OCI_KEY_FILE, type OciProfileInput } from '@/server/domain/oci-config-profile';

export interface AddedKey {
  fingerprint: string;
  /** Only for a pair generated here: the one copy there is. */
  privateKeyPem?: string;
}

const FILE_NAME = OCI_KEY_FILE.split('/').pop() ?? 'berth_api_key.pem';

/** The browser saves the private key from memory: no URL on the server ever serves it. */
function saveFile(text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/x-pem-file' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = FILE_NAME;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** What OCI's console shows after a key is added: the profile to copy, and a generated key's private half once. */
export function ApiKeyAdded({ added, profile, onDone }: { added: AddedKey; profile: Omit<OciProfileInput, 'fingerprint'>; onDone: () => void }) {
  const snippet = ociConfigProfile({ ...profile, fingerprint: added.fingerprint });
  return (
    <section aria-labelledby="api-key-added" className="flex flex-col gap-3 rounded-lg border border-green-200 bg-green-50/40 p-4">
      <h2 id="api-key-added" className="text-sm font-semibold text-gray-900">
        API key added: {added.fingerprint}
      </h2>
      {added.privateKeyPem !== undefined && (
        <div className="flex flex-col gap-2 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          <p>
            Download the private key now and save it as <code>{OCI_KEY_FILE}</code>. This is the only time it is offered: Berth kept the public key only.
          </p>
          <div>
            <Button variant="primary" size="sm" onClick={() => saveFile(added.privateKeyPem ?? '')}>
              Download private key
            </Button>
          </div>
        </div>
      )}
      <p className="text-sm text-gray-700">
        Configuration file preview: paste it into <code>~/.oci/config</code>, with the private key at <code>{OCI_KEY_FILE}</code>.
      </p>
      <CodeBlock code={snippet} label="Configuration file preview" />
      <div>
        <Button size="sm" onClick={onDone}>
          Close
        </Button>
      </div>
    </section>
  );
}
