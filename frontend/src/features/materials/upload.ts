import type { MaterialKind } from '../../gql/graphql';
import { CSRF_HEADER, CSRF_HEADER_VALUE, sameOriginUrl } from '../../lib/http';

/** Why an upload did not reach the server or was refused by it (or by the check before sending). */
export class MaterialUploadError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | null,
    message: string,
    readonly field: string | null = null,
  ) {
    super(message);
  }
}

/** What the server answers for a stored library upload. */
export interface UploadedMaterial {
  id: string;
  kind: MaterialKind;
  mediaId: string;
  name: string;
}

/** What the server answers for an image uploaded for use inside an article. */
export interface UploadedArticleImage {
  id: string;
  /** Fanmail's copy: what the editor shows. */
  url: string;
  /** The image on WeChat (what the article sent to WeChat carries). */
  wechatUrl: string;
}

export interface UploadHandle<T> {
  promise: Promise<T>;
  abort: () => void;
}

/**
 * Sends `file` as the raw request body to a REST endpoint of Fanmail (not GraphQL: files of up to 10 MB), with the
 * session cookie and the CSRF header like every REST call, reporting the bytes sent (XMLHttpRequest: fetch has no
 * upload progress). Errors are the server's JSON `{code, field, message}`.
 */
function postFile<T extends { id?: unknown }>(path: string, file: File, onProgress: (percent: number) => void): UploadHandle<T> {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<T>((resolve, reject) => {
    xhr.open('POST', sameOriginUrl(path));
    xhr.withCredentials = true;
    xhr.setRequestHeader(CSRF_HEADER, CSRF_HEADER_VALUE);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(Math.min(99, Math.floor((event.loaded * 100) / event.total)));
    };
    xhr.onload = () => {
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(xhr.responseText || '{}') as Record<string, unknown>;
      } catch {
        body = {};
      }
      if (xhr.status >= 200 && xhr.status < 300 && body.id != null) {
        onProgress(100);
        resolve({ ...body, id: String(body.id) } as T);
      } else {
        reject(
          new MaterialUploadError(
            xhr.status,
            typeof body.code === 'string' ? body.code : null,
            typeof body.message === 'string' ? body.message : xhr.statusText,
            typeof body.field === 'string' ? body.field : null,
          ),
        );
      }
    };
    xhr.onerror = () => reject(new MaterialUploadError(0, null, 'network'));
    xhr.onabort = () => reject(new MaterialUploadError(0, 'ABORTED', 'aborted'));
    xhr.send(file);
  });
  return { promise, abort: () => xhr.abort() };
}

/** `POST /api/materials/uploads`: adds the file to the account's permanent library on WeChat. */
export function uploadMaterial(
  accountId: string,
  kind: MaterialKind,
  file: File,
  fields: { name: string; title?: string; description?: string },
  onProgress: (percent: number) => void,
): UploadHandle<UploadedMaterial> {
  const params = new URLSearchParams({ accountId, kind, name: fields.name });
  if (fields.title) params.set('title', fields.title);
  if (fields.description) params.set('description', fields.description);
  return postFile<UploadedMaterial>(`/api/materials/uploads?${params.toString()}`, file, onProgress);
}

/** `POST /api/materials/article-images`: an image (jpg/png) for use inside an article's content. */
export function uploadArticleImage(accountId: string, file: File, onProgress: (percent: number) => void): UploadHandle<UploadedArticleImage> {
  const params = new URLSearchParams({ accountId });
  return postFile<UploadedArticleImage>(`/api/materials/article-images?${params.toString()}`, file, onProgress);
}
