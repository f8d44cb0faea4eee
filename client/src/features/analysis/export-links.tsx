import { useTranslation } from 'react-i18next';

/** Download links for one table: the API formats the file, so the export is exactly what the API says. */
export function ExportLinks({ csv, geojson, what }: { csv: string; geojson?: string; what: string }) {
  const { t } = useTranslation();
  return (
    <p className="exports">
      <a className="button-link" href={csv} download>
        {t('analysis.export_csv', { what })}
      </a>
      {geojson && (
        <a className="button-link" href={geojson} download>
          {t('analysis.export_geojson', { what })}
        </a>
      )}
    </p>
  );
}
