import { parseCorsOrigins, port, readEnv, z } from '@parley/server-kit';

import type { FileServerConfig } from './server/context.js';
import type { S3StorageOptions } from './storage/s3-storage.js';

const bytes = () => z.coerce.number().int().positive();
const seconds = () => z.coerce.number().int().positive();

const schema = z
  .object({
    FILE_HOST: z.string().min(1).default('0.0.0.0'),
    FILE_PORT: port().default(3003),
    DATABASE_URL: z.string().min(1),
    /** login-server's Ed25519 public key (SPKI PEM); `\n` escapes are accepted. */
    AUTH_PUBLIC_KEY: z.string().min(1),
    /** Comma-separated browser origins, or * for any. */
    CORS_ORIGINS: z.string().default('*'),
    TRUST_PROXY: z.stringbool().default(false),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    /** Uploads in progress (and, with FILE_STORAGE=local, finished objects) live here. */
    FILE_DATA_DIR: z.string().min(1).default('./data/files'),
    /** Where finished objects go: local disk under FILE_DATA_DIR, or an S3 bucket (MinIO). */
    FILE_STORAGE: z.enum(['local', 's3']).default('local'),
    S3_ENDPOINT: z.url().optional(),
    S3_ACCESS_KEY: z.string().min(1).optional(),
    S3_SECRET_KEY: z.string().min(1).optional(),
    S3_BUCKET: z.string().min(3).default('parley-files'),
    S3_REGION: z.string().min(1).default('us-east-1'),
    /** Redirect downloads to presigned bucket URLs (only when clients can reach S3_ENDPOINT). */
    S3_DIRECT_DOWNLOADS: z.stringbool().default(false),
    FILE_MAX_BYTES: bytes().default(1024 ** 3),
    FILE_USER_QUOTA_BYTES: bytes().default(10 * 1024 ** 3),
    FILE_UPLOAD_TTL_SECONDS: seconds().default(24 * 3600),
    FILE_LINK_TTL_SECONDS: seconds().default(300),
    /**
     * HMAC key of download links: the same on every file-server of a deployment. Without it each
     * process makes its own, and links die when it restarts.
     */
    FILE_LINK_SECRET: z.string().min(16).optional(),
    /** Base URL clients reach this server at (for links), e.g. https://files.example.com. */
    FILE_PUBLIC_URL: z.url().optional(),
  })
  .superRefine((e, ctx) => {
    if (e.FILE_STORAGE !== 's3') return;
    for (const key of ['S3_ENDPOINT', 'S3_ACCESS_KEY', 'S3_SECRET_KEY'] as const) {
      if (!e[key])
        ctx.addIssue({ code: 'custom', path: [key], message: 'required with FILE_STORAGE=s3' });
    }
  });

export interface FileMainConfig {
  server: FileServerConfig;
  /** Set when objects go to S3; otherwise local disk under server.dataDir. */
  s3: S3StorageOptions | null;
  databaseUrl: string;
  publicKeyPem: string;
  logLevel: string;
}

/** Reads and validates the standalone file-server's configuration from the environment. */
export function loadFileConfig(
  env: Record<string, string | undefined> = process.env,
): FileMainConfig {
  const e = readEnv(schema, env);
  return {
    server: {
      host: e.FILE_HOST,
      port: e.FILE_PORT,
      corsOrigins: parseCorsOrigins(e.CORS_ORIGINS),
      trustProxy: e.TRUST_PROXY,
      dataDir: e.FILE_DATA_DIR,
      maxFileBytes: e.FILE_MAX_BYTES,
      userQuotaBytes: e.FILE_USER_QUOTA_BYTES,
      uploadTtlSeconds: e.FILE_UPLOAD_TTL_SECONDS,
      linkTtlSeconds: e.FILE_LINK_TTL_SECONDS,
      ...(e.FILE_LINK_SECRET ? { linkSecret: e.FILE_LINK_SECRET } : {}),
      ...(e.FILE_PUBLIC_URL ? { publicUrl: e.FILE_PUBLIC_URL.replace(/\/+$/, '') } : {}),
    },
    s3:
      e.FILE_STORAGE === 's3'
        ? {
            endpoint: e.S3_ENDPOINT ?? '',
            accessKey: e.S3_ACCESS_KEY ?? '',
            secretKey: e.S3_SECRET_KEY ?? '',
            bucket: e.S3_BUCKET,
            region: e.S3_REGION,
            directDownloads: e.S3_DIRECT_DOWNLOADS,
          }
        : null,
    databaseUrl: e.DATABASE_URL,
    publicKeyPem: e.AUTH_PUBLIC_KEY.replace(/\\n/g, '\n'),
    logLevel: e.LOG_LEVEL,
  };
}
