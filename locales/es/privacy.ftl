# The privacy notice under the LFPDPPP 2025 (DOF 20-III-2025; the authority is the Secretaría
# Anticorrupción y Buen Gobierno): the full notice at /aviso-de-privacidad and the simplified one
# where data is collected (registration, the intake's consent step), with the consents. The
# arguments come from the settings: $controller (privacy_controller), $address (privacy_address),
# $email (privacy_email), $count (personal_data_retention_days). docs/privacy-notice.md lists what
# is still to confirm with counsel; change the English file with this one.

## Links

web-privacy-link = Aviso de privacidad
web-privacy-full-link = Lee el aviso de privacidad integral

## The simplified notice, where data is collected

web-privacy-title = Aviso de privacidad simplificado
web-privacy-who = { $controller }, con domicilio en { $address }, es responsable de los datos personales que compartes en Puente.
web-privacy-what = Los usamos para revisar la solicitud, para que una persona abogada voluntaria de un despacho aliado la atienda, para preparar los documentos de la asociación civil y para hacer sus trámites ante la notaría, la Secretaría de Economía, el SAT y el registro público, con quienes compartimos lo necesario. Tratamos nombres, nacionalidad, CURP, RFC, correo, domicilio e identificaciones de las personas asociadas; solo los ven la coordinación del programa y la persona abogada que tome el caso, nunca otros albergues.
web-privacy-sensitive = La condición migratoria, la nacionalidad u origen y los documentos de identidad son datos sensibles: solo los tratamos con el consentimiento expreso de cada persona.
web-privacy-rights = Puedes ejercer tus derechos de acceso, rectificación, cancelación y oposición (ARCO), revocar tu consentimiento o negarte a las finalidades voluntarias escribiendo a { $email }.
web-privacy-consent = Leí el aviso de privacidad y doy mi consentimiento expreso para el tratamiento de mis datos personales, incluidos los sensibles, conforme a ese aviso.
web-privacy-associates-help = Cada persona asociada es titular de sus propios datos. Mientras no pueda dar su consentimiento en Puente con un enlace propio, el albergue confirma aquí que le dio a conocer este aviso y que aceptó.
web-privacy-associates-consent = Informé de este aviso de privacidad a cada persona asociada y cuento con su consentimiento expreso para compartir sus datos, incluidos los sensibles, con Puente.
web-privacy-register = Al registrarte, { $controller }, con domicilio en { $address }, trata tu nombre, tu correo y los datos del albergue para crear tu cuenta, verificar al albergue y dar seguimiento a sus solicitudes. Puedes ejercer tus derechos ARCO escribiendo a { $email }.

## The full notice (aviso de privacidad integral)

web-privacy-notice-title = Aviso de privacidad integral
# The date of the text in force: change it with the text (and notify the change, see below).
web-privacy-notice-updated = Última actualización: 7 de diciembre de 2026.
web-privacy-notice-intro = Este aviso explica qué datos personales tratamos en Puente, para qué, con quién los compartimos y cómo puedes ejercer tus derechos, conforme a la Ley Federal de Protección de Datos Personales en Posesión de los Particulares publicada en el Diario Oficial de la Federación el 20 de marzo de 2025.

web-privacy-controller-title = Quién es responsable de tus datos
web-privacy-controller = { $controller }, con domicilio en { $address }, es responsable del tratamiento de los datos personales que se recaban por medio de Puente, el sistema del programa de apoyo legal pro bono para albergues de personas migrantes.
web-privacy-controller-contact = Para cualquier asunto sobre tus datos personales, escribe a { $email }.

web-privacy-data-title = Qué datos personales tratamos
web-privacy-data-staff = Del personal de los albergues, de las personas abogadas voluntarias y de la coordinación del programa: nombre, correo electrónico, teléfono, la organización a la que pertenecen y los datos de uso de su cuenta (inicios de sesión, dirección IP y navegador) que sirven para protegerla.
web-privacy-data-associates = De las personas asociadas de la futura asociación civil: nombre completo, nacionalidad, CURP, RFC, correo electrónico, cargo en el consejo directivo y las copias de su identificación oficial, constancia de situación fiscal y comprobante de domicilio.
web-privacy-data-association = De la asociación: denominaciones propuestas, objeto social, domicilio, forma de administración, representante legal y los documentos del trámite (estatutos, escritura, boleta de inscripción, constancias).
web-privacy-data-sensitive = Tratamos como datos personales sensibles la condición migratoria, la nacionalidad u origen y los documentos de identidad (como el pasaporte o la tarjeta de residente). Solo los tratamos con el consentimiento expreso de cada persona, con medidas de seguridad reforzadas y únicamente para las finalidades necesarias de este aviso.
web-privacy-data-third-parties = El albergue nos comparte los datos de sus personas asociadas. Antes de hacerlo debe darles a conocer este aviso y obtener su consentimiento, y lo confirma en la solicitud. Puente no pide datos de las personas migrantes que atiende el albergue: por favor no los incluyas en la solicitud, en los comentarios ni en los documentos.

web-privacy-purposes-title = Para qué usamos tus datos
web-privacy-purposes-necessary = Finalidades necesarias, sin las cuales no podemos atender la solicitud:
web-privacy-purpose-account = crear y proteger las cuentas de quienes usan Puente y verificar a cada albergue;
web-privacy-purpose-screening = revisar la solicitud y asignarla a una persona abogada voluntaria de un despacho aliado, que antes declara que su despacho no tiene conflicto de interés;
web-privacy-purpose-documents = preparar los estatutos, el acta constitutiva y los demás documentos de la asociación civil;
web-privacy-purpose-filings = hacer los trámites para constituirla: la autorización de uso de la denominación, la firma ante notaría, la inscripción en el registro público y en el RFC y, si la asociación lo pide, los trámites como donataria autorizada o ante el Registro Federal de las Organizaciones de la Sociedad Civil;
web-privacy-purpose-contact = comunicarnos contigo sobre la solicitud y enviarte los avisos del caso;
web-privacy-purpose-records = llevar el historial de cada caso y cumplir las obligaciones legales y los requerimientos de las autoridades competentes.
web-privacy-purposes-voluntary = Finalidades voluntarias, que no son necesarias para atender la solicitud:
web-privacy-purpose-survey = pedirte tu opinión sobre el programa;
web-privacy-purpose-follow-up = una vez constituida la asociación, recordarte sus obligaciones periódicas (como la asamblea anual o los informes al SAT) e invitarte a capacitaciones.
web-privacy-purposes-refuse = Puedes negarte a las finalidades voluntarias en cualquier momento escribiendo a { $email }. Tu negativa no afecta tu solicitud.
web-privacy-purposes-statistics = El programa elabora estadísticas e informes con datos que no identifican a ninguna persona (por ejemplo, cuántas solicitudes hay por estado y cuánto tardan).

web-privacy-transfers-title = Con quién compartimos tus datos
web-privacy-transfers-intro = Para constituir la asociación compartimos los datos necesarios, y solo esos, con:
web-privacy-transfer-firms = los despachos de abogados aliados y sus personas abogadas voluntarias, que prestan el servicio legal; solo ven los datos de las personas asociadas después de declarar que no tienen conflicto de interés y de tomar el caso;
web-privacy-transfer-notaries = la notaría pública que formaliza el acta constitutiva, que debe identificar a quienes la firman;
web-privacy-transfer-economia = la Secretaría de Economía, para la autorización de uso de la denominación y el aviso de su uso;
web-privacy-transfer-sat = el Servicio de Administración Tributaria (SAT), para la inscripción de la asociación en el RFC y, si se pide, la autorización como donataria autorizada;
web-privacy-transfer-registry = el registro público de la entidad federativa, donde se inscribe la escritura; lo inscrito puede ser consultado por cualquier persona;
web-privacy-transfer-authorities = las autoridades que lo requieran conforme a la ley.
web-privacy-transfers-basis = Estas transferencias son necesarias para prestar el servicio que solicitas o para cumplir una obligación legal. También nos apoyan proveedores de alojamiento, almacenamiento y envío de correo, que tratan los datos solo por nuestra cuenta y según nuestras instrucciones (remisiones). No vendemos tus datos ni los compartimos con fines comerciales.

web-privacy-arco-title = Tus derechos ARCO
web-privacy-arco-intro = Tienes derecho a saber qué datos tuyos tenemos y para qué los usamos (acceso), a pedir que los corrijamos si son inexactos o están incompletos (rectificación), a pedir que los eliminemos (cancelación) y a oponerte a su uso para fines específicos (oposición). Cada persona asociada puede ejercerlos por sí misma.
web-privacy-arco-how = Envía tu solicitud a { $email } o por escrito al domicilio del responsable. Incluye:
web-privacy-arco-name = tu nombre y un medio para responderte;
web-privacy-arco-identity = un documento que acredite tu identidad o, si alguien actúa por ti, su representación;
web-privacy-arco-right = qué derecho quieres ejercer y sobre qué datos, descritos con claridad;
web-privacy-arco-rectify = para una rectificación, las correcciones y los documentos que las respalden;
web-privacy-arco-other = cualquier otro dato o documento que ayude a localizar tus datos.
# The day counts are to confirm with counsel against the text of the law (docs/privacy-notice.md).
web-privacy-arco-times = Te responderemos en un plazo máximo de 20 días hábiles desde que recibamos tu solicitud y, si procede, la haremos efectiva dentro de los 15 días hábiles siguientes. Estos plazos pueden ampliarse una sola vez por un periodo igual cuando las circunstancias lo justifiquen; si es así, te lo avisaremos. Ejercer estos derechos es gratuito; en su caso, solo podrían cobrarse los gastos de envío o de reproducción de copias.
web-privacy-arco-authority = Si no estás conforme con la respuesta, puedes acudir a la Secretaría Anticorrupción y Buen Gobierno, autoridad en materia de protección de datos personales.

web-privacy-revoke-title = Cómo revocar tu consentimiento o limitar el uso de tus datos
web-privacy-revoke = Puedes revocar tu consentimiento, o pedir que limitemos el uso o la divulgación de tus datos, con una solicitud a { $email } que incluya lo mismo que una solicitud ARCO; te responderemos en los mismos plazos. La revocación no tiene efectos hacia atrás y, si los datos son necesarios para atender la solicitud o para cumplir una obligación legal, puede impedir que el trámite continúe. Los datos ya inscritos en el registro público o entregados a la notaría y a las autoridades quedan sujetos a sus propias reglas.

web-privacy-retention-title = Cuánto tiempo conservamos tus datos
web-privacy-retention = Conservamos los datos mientras la solicitud está en trámite y el tiempo necesario para las finalidades de este aviso. Después los bloqueamos: se guardan solo para atender posibles responsabilidades legales, no se muestran a nadie, no se envían y no se usan para redactar documentos. Al terminar el bloqueo, { $count } días después, los suprimimos: quitamos los datos que identifican a las personas asociadas y al personal, borramos el texto de los comentarios y del historial y eliminamos los documentos. Solo quedan datos que no identifican a nadie, para las estadísticas del programa.

web-privacy-cookies-title = Cookies
web-privacy-cookies = Puente solo usa las cookies indispensables para funcionar: la de tu sesión, la que protege los formularios y la del idioma que eliges. No usa cookies de publicidad ni de rastreo.

web-privacy-security-title = Cómo protegemos tus datos
web-privacy-security = Cada persona ve solo lo que su papel le permite, los documentos se guardan cifrados y cada acción queda en un historial en el que cualquier alteración se detecta.

web-privacy-changes-title = Cambios a este aviso
web-privacy-changes = Publicaremos cualquier cambio a este aviso en esta página, con su fecha de actualización. Si el cambio afecta las finalidades, los datos que tratamos o con quién los compartimos, además te lo avisaremos por correo electrónico antes de aplicarlo y, cuando la ley lo exija, te pediremos de nuevo tu consentimiento.
