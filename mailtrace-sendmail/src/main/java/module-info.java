/** The sendmail dialect: sendmail 8.x log lines as typed events. */
module dev.mailtrace.sendmail {
    // transitive: the public event records implement and return core types
    requires transitive dev.mailtrace.core;

    exports dev.mailtrace.sendmail;

    provides dev.mailtrace.spi.LogDialect with dev.mailtrace.sendmail.SendmailDialect;
}
