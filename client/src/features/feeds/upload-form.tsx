import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Drag a file onto the zone or choose it with the picker (the keyboard way), then upload. */
export function UploadForm({ busy, onUpload }: { busy: boolean; onUpload: (file: File) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  return (
    <form
      className="upload"
      onSubmit={(e) => {
        e.preventDefault();
        if (file) onUpload(file);
      }}
    >
      <div
        className={over ? 'drop-zone over' : 'drop-zone'}
        data-testid="drop-zone"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          const f = e.dataTransfer.files[0];
          if (f) setFile(f);
        }}
      >
        <p>{t('feeds.drop_here')}</p>
        <label htmlFor={`${id}-file`} className="button-link">
          {t('feeds.choose_file')}
        </label>
        <input
          ref={input}
          id={`${id}-file`}
          className="file-input"
          type="file"
          accept=".csv,.json,.geojson,.txt,text/csv,application/json,application/geo+json"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
        <p aria-live="polite">
          {file
            ? t('feeds.file_chosen', { name: file.name, kb: Math.max(1, Math.round(file.size / 1024)) })
            : t('feeds.no_file')}
        </p>
      </div>
      <button type="submit" disabled={!file || busy}>
        {busy ? t('feeds.uploading') : t('feeds.upload')}
      </button>
    </form>
  );
}
