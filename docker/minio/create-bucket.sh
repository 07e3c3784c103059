#!/bin/sh
# One-shot MinIO set-up (the minio-init service): the bucket, private, and a user for the
# file-server that can reach this bucket only. Safe to run again on every `up`.
set -eu
mc alias set parley http://minio:9000 "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD" >/dev/null
mc mb --ignore-existing "parley/$S3_BUCKET"
mc anonymous set none "parley/$S3_BUCKET" >/dev/null

policy=/tmp/parley-file-server-policy.json
cat >"$policy" <<JSON
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"],
      "Resource": ["arn:aws:s3:::$S3_BUCKET"]
    },
    {
      "Effect": "Allow",
      "Action": ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"],
      "Resource": ["arn:aws:s3:::$S3_BUCKET/*"]
    }
  ]
}
JSON
mc admin policy create parley parley-file-server "$policy" >/dev/null
mc admin user add parley "$S3_ACCESS_KEY" "$S3_SECRET_KEY" >/dev/null
# Attaching twice is an error in mc; on a re-run the policy is already there.
mc admin policy attach parley parley-file-server --user "$S3_ACCESS_KEY" >/dev/null 2>&1 || true
echo "minio-init: bucket $S3_BUCKET ready for $S3_ACCESS_KEY"
