package org.conpaas.agent;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** One line per event on stderr: time, level, source class, message (and the cause's, if any). */
final class OneLineFormatter extends Formatter {

    static void install() {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        Handler handler = new ConsoleHandler();
        handler.setFormatter(new OneLineFormatter());
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
        root.setLevel(Level.INFO);
    }

    @Override
    public String format(LogRecord record) {
        String source = record.getLoggerName() == null ? "" : record.getLoggerName().substring(record.getLoggerName().lastIndexOf('.') + 1);
        StringBuilder line = new StringBuilder()
                .append(Instant.ofEpochMilli(record.getMillis()).truncatedTo(ChronoUnit.MILLIS)).append(' ')
                .append(record.getLevel().getName()).append(' ')
                .append(source).append(": ")
                .append(formatMessage(record).replace('\n', ' '));
        if (record.getThrown() != null) {
            line.append(" (").append(record.getThrown()).append(')');
            if (Logger.getLogger("").isLoggable(Level.FINE)) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                line.append('\n').append(trace);
            }
        }
        return line.append('\n').toString();
    }
}
