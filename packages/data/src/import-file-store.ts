import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3ServiceException, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { ImportFileStore } from '@rapport/domain';

export interface S3ImportFileStoreOptions {
  /**
   * Signs upload URLs. Build it with `requestChecksumCalculation: 'WHEN_REQUIRED'`: otherwise the
   * URL carries the checksum of an empty body and S3 refuses the upload.
   */
  s3: S3Client;
  bucket: string;
}

/** Uploaded import files in S3: the client PUTs to a presigned URL, the worker reads ranges. */
export class S3ImportFileStore implements ImportFileStore {
  readonly #s3: S3Client;
  readonly #bucket: string;

  constructor(options: S3ImportFileStoreOptions) {
    this.#s3 = options.s3;
    this.#bucket = options.bucket;
  }

  uploadUrl(fileKey: string, expiresInSeconds: number): Promise<string> {
    return getSignedUrl(this.#s3, new PutObjectCommand({ Bucket: this.#bucket, Key: fileKey, ContentType: 'text/csv' }), { expiresIn: expiresInSeconds });
  }

  async read(fileKey: string, fromByte = 0): Promise<AsyncIterable<Uint8Array> | null> {
    try {
      const { Body } = await this.#s3.send(
        new GetObjectCommand({ Bucket: this.#bucket, Key: fileKey, ...(fromByte > 0 ? { Range: `bytes=${fromByte}-` } : {}) }),
      );
      return (Body as AsyncIterable<Uint8Array> | undefined) ?? empty();
    } catch (error) {
      if (error instanceof NoSuchKey || (error instanceof S3ServiceException && error.name === 'NoSuchKey')) return null;
      // A range starting at the end of the file: nothing left to read.
      if (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 416) return empty();
      throw error;
    }
  }

  async delete(fileKey: string): Promise<void> {
    await this.#s3.send(new DeleteObjectCommand({ Bucket: this.#bucket, Key: fileKey }));
  }
}

async function* empty(): AsyncGenerator<Uint8Array> {}
