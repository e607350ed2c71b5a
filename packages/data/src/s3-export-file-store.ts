import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { ExportFile, ExportFileStore } from '@rapport/domain';
import { Readable } from 'node:stream';

/** How long a download link works: long enough to click it, short enough that a leaked one is soon dead. */
export const EXPORT_LINK_SECONDS = 15 * 60;

/** Parts of a multipart upload: S3's minimum, so an export holds at most this much in memory. */
const PART_BYTES = 5 * 1024 * 1024;

export interface S3ExportFileStoreOptions {
  s3: S3Client;
  bucket: string;
  /** @default EXPORT_LINK_SECONDS */
  linkSeconds?: number;
  now?: () => Date;
}

/**
 * Exports in S3, under `tenant=<id>/<exportId>/<file>`: streamed in as a multipart upload (5 MB
 * parts, so memory stays flat however many contacts there are; a small file goes up as one
 * PutObject), and downloaded through a presigned GET that names the file. The bucket's lifecycle
 * rule deletes every export a day later.
 */
export class S3ExportFileStore implements ExportFileStore {
  readonly #options: S3ExportFileStoreOptions;

  constructor(options: S3ExportFileStoreOptions) {
    this.#options = options;
  }

  async save(file: ExportFile): Promise<{ url: string; expiresAt: string }> {
    const { s3, bucket } = this.#options;
    const key = `tenant=${file.tenantId}/${file.exportId}/${file.fileName}`;
    const upload = new Upload({
      client: s3,
      params: { Bucket: bucket, Key: key, Body: Readable.from(file.content), ContentType: file.contentType },
      partSize: PART_BYTES,
      queueSize: 2,
      // A failed export leaves no half-written object behind (the lifecycle rule also aborts stragglers).
      leavePartsOnError: false,
    });
    await upload.done();
    const seconds = this.#options.linkSeconds ?? EXPORT_LINK_SECONDS;
    const url = await getSignedUrl(
      s3,
      new GetObjectCommand({ Bucket: bucket, Key: key, ResponseContentDisposition: `attachment; filename="${file.fileName}"` }),
      { expiresIn: seconds },
    );
    const now = this.#options.now?.() ?? new Date();
    return { url, expiresAt: new Date(now.getTime() + seconds * 1000).toISOString() };
  }
}
