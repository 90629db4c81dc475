package io.ledgerbridge.worker.cli;

/** Help text shared by commands. */
final class Help {
  static final String JOB_OPTIONS =
      """

      Job:
        --name NAME              a unique name; the job's id is derived from it
        --company REALM_ID       the QuickBooks company (realmId)
        --direction DIRECTION    QBO_TO_SALESFORCE (or to-salesforce) or SALESFORCE_TO_QBO (or to-qbo)
        --objects LIST           objects in sync order, parents first, e.g. Customer,Invoice
        --file FILE              the job as the API's JSON body; options given as well override it

      Schedule, either a 5-field cron string:
        --cron CRON              e.g. "0 3 * * *"
      or fields, each a comma list of values, ranges (9-17) or steps (*/15). A field left out means
      every value, and for the two day fields "None"; never both day fields.
        --minute LIST            0-59, e.g. 0,30
        --hour LIST              0-23
        --month LIST             1-12 or JAN-DEC
        --day-of-week LIST       MON-SUN or 0-7, e.g. MON-FRI
        --day-of-month LIST      1-31, L for the last day, e.g. 1,L
        --time-zone ZONE         an IANA time zone, e.g. Europe/Berlin; default UTC
      """;

  static final String ERROR_FILTERS =
      """

      Filters, each narrowing the errors to those that match:
        --company REALM_ID       the QuickBooks company (realmId)
        --object NAME            Customer, Item, Invoice or Payment
        --direction DIRECTION    QBO_TO_SALESFORCE (or to-salesforce) or SALESFORCE_TO_QBO (or to-qbo)
        --type TYPE              VALIDATION, DUPLICATE, MISSING_PARENT, CONFLICT, AUTH, CONFIGURATION,
                                 RATE_LIMIT, REMOTE_UNAVAILABLE or INVALID_JOB
        --job ID                 the job whose run met the error
      """;

  private Help() {}
}
