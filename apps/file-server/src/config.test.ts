import { describe, expect, it } from 'vitest';

import { loadFileConfig } from './config.js';

const base = { DATABASE_URL: 'postgres://db/parley', AUTH_PUBLIC_KEY: 'KEY\\nLINE' };

describe('loadFileConfig', () => {
  it('defaults to local storage under ./data/files with 1 GiB files and 10 GiB quotas', () => {
    const config = loadFileConfig(base);
    expect(config.s3).toBeNull();
    expect(config.publicKeyPem).toBe('KEY\nLINE');
    expect(config.server).toMatchObject({
      port: 3003,
      dataDir: './data/files',
      maxFileBytes: 1024 ** 3,
      userQuotaBytes: 10 * 1024 ** 3,
      linkTtlSeconds: 300,
      corsOrigins: true,
    });
    expect(config.server.linkSecret).toBeUndefined();
  });

  it('reads S3 settings and limits', () => {
    const config = loadFileConfig({
      ...base,
      FILE_STORAGE: 's3',
      S3_ENDPOINT: 'http://minio:9000',
      S3_ACCESS_KEY: 'minio',
      S3_SECRET_KEY: 'minio-secret',
      S3_DIRECT_DOWNLOADS: 'true',
      FILE_MAX_BYTES: '1000',
      FILE_LINK_SECRET: 'a-long-enough-secret',
      FILE_PUBLIC_URL: 'https://files.example.com/',
    });
    expect(config.s3).toEqual({
      endpoint: 'http://minio:9000',
      accessKey: 'minio',
      secretKey: 'minio-secret',
      bucket: 'parley-files',
      region: 'us-east-1',
      directDownloads: true,
    });
    expect(config.server).toMatchObject({
      maxFileBytes: 1000,
      linkSecret: 'a-long-enough-secret',
      publicUrl: 'https://files.example.com',
    });
  });

  it('names every missing S3 setting', () => {
    expect(() => loadFileConfig({ ...base, FILE_STORAGE: 's3' })).toThrow(
      /S3_ENDPOINT[\s\S]*S3_ACCESS_KEY[\s\S]*S3_SECRET_KEY/,
    );
    expect(() => loadFileConfig({ ...base, FILE_MAX_BYTES: '-5' })).toThrow(/FILE_MAX_BYTES/);
  });
});
