## Column titles of the CSV exports, and the files' names.

csv-cases-file = casos
csv-hours-file = horas
csv-reference = Referencia
csv-name = Denominación propuesta
csv-status = Estado del caso
csv-shelter = Albergue
csv-state = Entidad federativa
csv-municipality = Municipio
csv-firm = Despacho
csv-lawyer = Abogada o abogado
csv-created = Creado
csv-submitted = Enviado
csv-claimed = Tomado por un abogado
csv-signed = Escritura firmada
csv-filed = Inscrito en el registro
csv-days-to-claim = Días del envío a la toma
csv-days-to-signing = Días de la toma a la firma
csv-days-to-filing = Días de la toma a la inscripción
csv-alerts = Alertas
csv-date = Fecha
csv-hours = Horas
csv-minutes = Minutos
csv-description = Descripción
