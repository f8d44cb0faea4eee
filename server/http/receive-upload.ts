import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import type { Request } from 'express';
import { AppError } from './app-error.js';

export interface ReceivedUpload {
  /** The file on disk, in a private temporary directory. */
  file: string;
  /** The name the sender gave it (used only to guess the format, never as a path). */
  originalName: string;
  /** The other form fields, e.g. `format`. */
  fields: Record<string, string>;
  /** Removes the temporary directory. */
  cleanup: () => Promise<void>;
}

/** A temporary directory of its own for one upload or download. */
export async function tempUploadDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'finder-upload-'));
  return { dir, cleanup: () => fs.promises.rm(dir, { recursive: true, force: true }) };
}

/**
 * Streams the multipart field `file` of a request to a temporary file,
 * never holding it in memory. A file over `maxBytes` is a 413; the rest of the
 * body is read and discarded so the client gets the answer instead of a reset
 * connection, but only up to a margin: the body's bytes are counted as they
 * come (a chunked body declares no length), and past `maxBytes` + 1 MiB the
 * request is answered 413 at once and its connection closed. A body far over
 * the limit by its Content-Length is refused before reading. A request the
 * client abandons midway settles at once: the partial file and its directory
 * are removed.
 */
export async function receiveUpload(req: Request, maxBytes: number): Promise<ReceivedUpload> {
  const tooLarge = () => new AppError(413, 'payload_too_large', 'upload_too_large');
  const declared = Number(req.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes * 2 + 1024 * 1024) {
    req.res?.set('Connection', 'close');
    throw tooLarge();
  }
  const { dir, cleanup } = await tempUploadDir();
  let bb: busboy.Busboy | null = null;
  let saved: Promise<{ file: string; originalName: string }> | null = null;
  let fileStream: (NodeJS.ReadableStream & { destroy: (err?: Error) => void }) | null = null;
  let onData: ((chunk: Buffer) => void) | null = null;
  let onClose: (() => void) | null = null;
  try {
    return await new Promise<ReceivedUpload>((resolve, reject) => {
      try {
        bb = busboy({
          headers: req.headers,
          limits: { files: 1, fileSize: maxBytes, fields: 20, fieldSize: 64 * 1024 },
        });
      } catch {
        reject(new AppError(400, 'bad_request', 'file_required'));
        return;
      }
      const parser = bb;
      const fields: Record<string, string> = {};
      let truncated = false;
      let received = 0;
      const stopReading = (err: AppError) => {
        req.unpipe(parser);
        reject(err);
      };
      onData = (chunk: Buffer) => {
        received += chunk.length;
        if (received > maxBytes + 1024 * 1024) {
          req.res?.set('Connection', 'close');
          stopReading(tooLarge());
        }
      };
      onClose = () => {
        if (!req.complete) stopReading(new AppError(400, 'bad_request', 'upload_aborted'));
      };
      req.on('data', onData);
      req.on('close', onClose);
      parser.on('file', (name, stream, info) => {
        if (name !== 'file' || saved) {
          stream.resume();
          return;
        }
        const file = path.join(dir, 'upload');
        fileStream = stream;
        stream.on('limit', () => {
          truncated = true;
        });
        saved = pipeline(stream, fs.createWriteStream(file)).then(() => ({
          file,
          originalName: path.basename(info.filename ?? 'upload'),
        }));
        saved.catch(() => {});
      });
      parser.on('field', (name, value) => {
        fields[name] = value;
      });
      parser.on('error', () => reject(new AppError(400, 'bad_request', 'file_required')));
      parser.on('close', () => {
        if (truncated) return reject(tooLarge());
        if (!saved)
          return reject(
            new AppError(400, 'bad_request', 'file_required', [
              {
                field: 'file',
                message_en: 'No file was sent in the field "file".',
                message_fr: 'Aucun fichier n’a été envoyé dans le champ « file ».',
              },
            ]),
          );
        saved.then((s) => resolve({ ...s, fields, cleanup }), reject);
      });
      req.pipe(parser);
    });
  } catch (err) {
    // Stop the parser so a half-written file stream ends, then remove the directory.
    (bb as busboy.Busboy | null)?.destroy();
    (fileStream as { destroy: (err?: Error) => void } | null)?.destroy(new Error('upload abandoned'));
    await (saved as Promise<unknown> | null)?.catch(() => undefined);
    await cleanup();
    throw err;
  } finally {
    if (onData) req.off('data', onData);
    if (onClose) req.off('close', onClose);
  }
}
