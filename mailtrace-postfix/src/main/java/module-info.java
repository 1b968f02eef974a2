/** The postfix dialect: every line postfix 2.x/3.x logs, as typed events. */
module dev.mailtrace.postfix {
    requires dev.mailtrace.core;

    exports dev.mailtrace.postfix;

    provides dev.mailtrace.spi.LogDialect with dev.mailtrace.postfix.PostfixDialect;
}
