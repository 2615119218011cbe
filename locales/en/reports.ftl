## Column titles of the CSV exports, and the files' names.

csv-cases-file = cases
csv-hours-file = hours
csv-reference = Reference
csv-name = Proposed name
csv-status = Case status
csv-shelter = Shelter
csv-state = State
csv-municipality = Municipality
csv-firm = Law firm
csv-lawyer = Lawyer
csv-created = Created
csv-submitted = Submitted
csv-claimed = Claimed by a lawyer
csv-signed = Deed signed
csv-filed = Filed in the registry
csv-days-to-claim = Days from submission to claim
csv-days-to-signing = Days from claim to signing
csv-days-to-filing = Days from claim to filing
csv-alerts = Alerts
csv-date = Date
csv-hours = Hours
csv-minutes = Minutes
csv-description = Description
