import { CSRF_HEADER, CSRF_HEADER_VALUE, sameOriginUrl } from '../../lib/http';

/** Why an upload did not reach the server or was refused by it. */
export class UploadError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | null,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Streams a CSV or text file of openids to `POST /api/audiences/uploads` (not GraphQL: files of tens
 * of MB), with the session cookie and the CSRF header like every REST call, reporting the bytes sent
 * (XMLHttpRequest, because fetch has no upload progress). Resolves with the new upload's id.
 */
export function uploadAudienceFile(
  accountId: string,
  file: File,
  onProgress: (percent: number) => void,
): { promise: Promise<string>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const params = new URLSearchParams({ accountId, name: file.name });
  const promise = new Promise<string>((resolve, reject) => {
    xhr.open('POST', sameOriginUrl(`/api/audiences/uploads?${params.toString()}`));
    xhr.withCredentials = true;
    xhr.setRequestHeader(CSRF_HEADER, CSRF_HEADER_VALUE);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Content-Type', file.name.toLowerCase().endsWith('.csv') ? 'text/csv' : 'text/plain');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(Math.floor((event.loaded * 100) / event.total));
    };
    xhr.onload = () => {
      let body: { id?: string; code?: string; message?: string } = {};
      try {
        body = JSON.parse(xhr.responseText || '{}') as typeof body;
      } catch {
        body = {};
      }
      if (xhr.status >= 200 && xhr.status < 300 && body.id) {
        onProgress(100);
        resolve(String(body.id));
      } else {
        reject(new UploadError(xhr.status, body.code ?? null, body.message ?? xhr.statusText));
      }
    };
    xhr.onerror = () => reject(new UploadError(0, null, 'network'));
    xhr.onabort = () => reject(new UploadError(0, 'ABORTED', 'aborted'));
    xhr.send(file);
  });
  return { promise, abort: () => xhr.abort() };
}
