import { z } from 'zod';
import { MAX_API_KEY_PEM_CHARS } from '@/server/domain/api-key-pem';

export const uploadApiKeySchema = z.object({
  publicKeyPem: z.string().trim().min(1, 'Paste a public key in PEM form').max(MAX_API_KEY_PEM_CHARS, `A public key in PEM is far shorter than ${MAX_API_KEY_PEM_CHARS.toLocaleString('en-US')} characters`),
});

export const generateApiKeySchema = z.object({});

export const deleteApiKeySchema = z.object({ id: z.uuid() });
