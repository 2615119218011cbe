# The privacy notice under the LFPDPPP 2025: see the Spanish file, which is the text in force;
# this one translates it. The arguments: $controller (privacy_controller), $address
# (privacy_address), $email (privacy_email), $count (personal_data_retention_days).

## Links

web-privacy-link = Privacy notice
web-privacy-full-link = Read the full privacy notice

## The simplified notice, where data is collected

web-privacy-title = Simplified privacy notice
web-privacy-who = { $controller }, domiciled at { $address }, is responsible for the personal data you share in Puente.
web-privacy-what = We use it to screen the request, to have a volunteer lawyer from a partner law firm take it, to prepare the civil association's documents and to carry out its filings with the notary, the Secretaría de Economía, the SAT and the public registry, with whom we share what is needed. We process the associates' names, nationality, CURP, RFC, e-mail, address and identity documents; only the program's managers and the lawyer who takes the case see them, never other shelters.
web-privacy-sensitive = Immigration status, nationality or origin and identity documents are sensitive data: we process them only with each person's express consent.
web-privacy-rights = You may exercise your rights of access, rectification, cancellation and opposition (ARCO), revoke your consent or refuse the voluntary purposes by writing to { $email }.
web-privacy-consent = I have read the privacy notice and give my express consent to the processing of my personal data, sensitive data included, as it describes.
web-privacy-associates-help = Each associate owns their own data. Until they can give their consent in Puente through a link of their own, the shelter confirms here that it gave each of them this notice and that they agreed.
web-privacy-associates-consent = I gave this privacy notice to every associate and have their express consent to share their data, sensitive data included, with Puente.
web-privacy-register = When you register, { $controller }, domiciled at { $address }, processes your name, your e-mail and the shelter's details to create your account, verify the shelter and follow up its requests. You may exercise your ARCO rights by writing to { $email }.

## The full notice (aviso de privacidad integral)

web-privacy-notice-title = Full privacy notice
web-privacy-notice-updated = Last updated: 7 December 2026.
web-privacy-notice-intro = This notice explains what personal data we process in Puente, what for, whom we share it with and how you can exercise your rights, under Mexico's Federal Law on the Protection of Personal Data Held by Private Parties published in the Diario Oficial de la Federación on 20 March 2025. The Spanish text is the one in force.

web-privacy-controller-title = Who is responsible for your data
web-privacy-controller = { $controller }, domiciled at { $address }, is responsible for processing the personal data collected through Puente, the system of the pro bono legal support program for migrant shelters.
web-privacy-controller-contact = For anything about your personal data, write to { $email }.

web-privacy-data-title = What personal data we process
web-privacy-data-staff = Of shelter staff, volunteer lawyers and the program's managers: name, e-mail, telephone, the organization they belong to, and their account's usage data (sign-ins, IP address and browser), which serve to protect it.
web-privacy-data-associates = Of the associates of the future civil association: full name, nationality, CURP, RFC, e-mail, board role, and copies of their official ID, tax status certificate and proof of address.
web-privacy-data-association = Of the association: proposed names, social object, domicile, governance, legal representative and the documents of the process (bylaws, deed, registry receipt, certificates).
web-privacy-data-sensitive = We treat immigration status, nationality or origin and identity documents (such as a passport or a residence card) as sensitive personal data. We process them only with each person's express consent, with reinforced security, and only for the necessary purposes of this notice.
web-privacy-data-third-parties = The shelter shares its associates' data with us. Before doing so it must give them this notice and obtain their consent, and it confirms this in the request. Puente does not ask for data about the migrants the shelter serves: please do not include it in the request, the comments or the documents.

web-privacy-purposes-title = What we use your data for
web-privacy-purposes-necessary = Necessary purposes, without which we cannot handle the request:
web-privacy-purpose-account = creating and protecting the accounts of the people who use Puente, and verifying each shelter;
web-privacy-purpose-screening = screening the request and assigning it to a volunteer lawyer from a partner law firm, who first attests that the firm has no conflict of interest;
web-privacy-purpose-documents = preparing the bylaws, the constitutive act and the civil association's other documents;
web-privacy-purpose-filings = carrying out the steps to incorporate it: the authorization to use the name, the signing before a notary, the inscription in the public registry and in the RFC and, if the association asks, the steps to become a donataria autorizada or to enter the Federal Registry of Civil Society Organizations;
web-privacy-purpose-contact = contacting you about the request and sending you the case's notices;
web-privacy-purpose-records = keeping each case's history and meeting legal obligations and the requests of competent authorities.
web-privacy-purposes-voluntary = Voluntary purposes, not needed to handle the request:
web-privacy-purpose-survey = asking for your opinion of the program;
web-privacy-purpose-follow-up = once the association exists, reminding you of its recurring obligations (such as the annual assembly or the reports to the SAT) and inviting you to training.
web-privacy-purposes-refuse = You may refuse the voluntary purposes at any time by writing to { $email }. Refusing does not affect your request.
web-privacy-purposes-statistics = The program produces statistics and reports from data that identifies nobody (for example, how many requests there are per state and how long they take).

web-privacy-transfers-title = Whom we share your data with
web-privacy-transfers-intro = To incorporate the association we share the data needed, and only that, with:
web-privacy-transfer-firms = the partner law firms and their volunteer lawyers, who provide the legal service; they see the associates' data only after attesting that they have no conflict of interest and taking the case;
web-privacy-transfer-notaries = the notary public who formalizes the constitutive act, who must identify those who sign it;
web-privacy-transfer-economia = the Secretaría de Economía, for the authorization to use the name and the notice of its use;
web-privacy-transfer-sat = the tax administration (SAT), for the association's RFC registration and, if requested, its authorization as a donataria autorizada;
web-privacy-transfer-registry = the state's public registry, where the deed is inscribed; what is inscribed can be consulted by anyone;
web-privacy-transfer-authorities = authorities that require it under the law.
web-privacy-transfers-basis = These transfers are needed to provide the service you request or to meet a legal obligation. Hosting, storage and e-mail providers also support us, processing the data only on our behalf and on our instructions (remissions). We do not sell your data or share it for commercial purposes.

web-privacy-arco-title = Your ARCO rights
web-privacy-arco-intro = You have the right to know what data of yours we hold and what we use it for (access), to ask us to correct it if it is inaccurate or incomplete (rectification), to ask us to delete it (cancellation) and to object to its use for specific purposes (opposition). Each associate may exercise them in their own right.
web-privacy-arco-how = Send your request to { $email } or in writing to the responsible party's address. Include:
web-privacy-arco-name = your name and a way to answer you;
web-privacy-arco-identity = a document proving your identity or, if someone acts for you, their authority to represent you;
web-privacy-arco-right = which right you wish to exercise and over what data, clearly described;
web-privacy-arco-rectify = for a rectification, the corrections and the documents supporting them;
web-privacy-arco-other = any other detail or document that helps find your data.
web-privacy-arco-times = We will answer within at most 20 business days of receiving your request and, where it applies, carry it out within the following 15 business days. These periods may be extended once by an equal period when the circumstances justify it; if so, we will tell you. Exercising these rights is free; at most, shipping or copying costs may be charged.
web-privacy-arco-authority = If you disagree with the answer, you may turn to the Secretaría Anticorrupción y Buen Gobierno, the authority on personal data protection.

web-privacy-revoke-title = How to revoke your consent or limit the use of your data
web-privacy-revoke = You may revoke your consent, or ask us to limit the use or disclosure of your data, with a request to { $email } that includes the same as an ARCO request; we will answer within the same periods. Revocation does not act retroactively and, if the data is needed to handle the request or to meet a legal obligation, it may stop the process from continuing. Data already inscribed in the public registry or given to the notary and the authorities is subject to their own rules.

web-privacy-retention-title = How long we keep your data
web-privacy-retention = We keep the data while the request is in progress and as long as the purposes of this notice need it. Then we block it: it is kept only to answer possible legal liabilities, shown to no one, sent nowhere and not used to draft documents. When the blocking ends, { $count } days later, we suppress it: we remove the data that identifies the associates and the staff, erase the text of comments and of the history, and delete the documents. Only data that identifies nobody remains, for the program's statistics.

web-privacy-cookies-title = Cookies
web-privacy-cookies = Puente uses only the cookies it needs to work: your session's, the one that protects forms, and the one for the language you choose. It uses no advertising or tracking cookies.

web-privacy-security-title = How we protect your data
web-privacy-security = Each person sees only what their role allows, documents are stored encrypted, and every action is kept in a history in which any alteration is detected.

web-privacy-changes-title = Changes to this notice
web-privacy-changes = We will publish any change to this notice on this page, with its update date. If a change affects the purposes, the data we process or whom we share it with, we will also tell you by e-mail before it applies and, where the law requires it, ask for your consent again.
