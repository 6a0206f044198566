import { z } from 'zod';

export const MIN_PASSWORD_LENGTH = 12;

export const signInSchema = z.object({
  userName: z.string().trim().min(1, 'Enter your user name').max(100),
  password: z.string().min(1, 'Enter your password').max(1000),
  /** Where to go after signing in: a path of this console only, never another site. */
  next: z
    .string()
    .regex(/^\/(?![/\\])[\x21-\x7e]*$/, 'Not a path of this console')
    .optional()
    .catch(undefined),
});

export const newPasswordSchema = z
  .object({
    password: z.string().min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters`).max(1000),
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'The two passwords differ' });

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, 'Enter your current password').max(1000),
    password: z.string().min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters`).max(1000),
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'The two passwords differ' });

/** The token of a one-time link: 32 random bytes, base64url. */
export const signInLinkQuerySchema = z.object({ t: z.string().regex(/^[A-Za-z0-9_-]{43}$/) });

export const linkEndedQuerySchema = z.object({ reason: z.enum(['expired', 'used', 'unknown']).catch('unknown') });
