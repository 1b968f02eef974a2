package dev.mailtrace.trace;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;

/**
 * An endless-looking mail log made up on the fly (never held in memory): {@code concurrency}
 * messages in flight at any time on two hosts, each of nine {@link MiniDialect} lines (one of them
 * noise), queue ids never repeating, one second of log time every 50 lines.
 */
final class GeneratedLog extends InputStream {

    private final long lines;
    private final int concurrency;
    private final int[] step;
    private final long[] message;
    private long nextMessage;
    private long produced;
    private int slot;
    private LocalDateTime time = LocalDateTime.of(2026, 3, 1, 0, 0);
    private byte[] buf = new byte[0];
    private int pos;

    GeneratedLog(long lines, int concurrency) {
        this.lines = lines;
        this.concurrency = concurrency;
        this.step = new int[concurrency];
        this.message = new long[concurrency];
        for (int i = 0; i < concurrency; i++) {
            message[i] = nextMessage++;
        }
    }

    long messagesStarted() {
        return nextMessage;
    }

    @Override
    public int read() {
        if (pos == buf.length && !fill()) {
            return -1;
        }
        return buf[pos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (pos == buf.length && !fill()) {
            return -1;
        }
        int n = Math.min(len, buf.length - pos);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
    }

    private boolean fill() {
        if (produced >= lines) {
            return false;
        }
        StringBuilder sb = new StringBuilder(8192);
        for (int k = 0; k < 64 && produced < lines; k++, produced++) {
            if (produced % 50 == 0) {
                time = time.plusSeconds(1);
            }
            int s = slot;
            slot = (slot + 1) % concurrency;
            long m = message[s];
            String q = Long.toHexString(0x10000000000L + m).toUpperCase();
            String ts = TracePipelineTest.SYSLOG.format(time);
            switch (step[s]) {
                case 0 -> sb.append(ts).append(" mx1 mini[1]: ").append(q).append(": accepted c[192.0.2.1]\n");
                case 1 -> sb.append(ts).append(" mx1 mini[1]: ").append(q).append(": msgid=m").append(m).append("@x\n");
                case 2 -> sb.append(ts).append(" mx1 sshd[3]: noise\n");
                case 3 -> sb.append(ts).append(" mx1 mini[1]: ").append(q).append(": from=s@x size=").append(m).append('\n');
                case 4 -> sb.append(ts).append(" mbox1 mini[2]: D").append(q).append(": accepted mx1[10.1.0.10]\n");
                case 5 -> sb.append(ts).append(" mx1 mini[1]: ").append(q).append(": to=r").append(m)
                        .append("@y relay=mbox1[10.1.0.20]:25 status=sent queued_as=D").append(q).append('\n');
                case 6 -> sb.append(ts).append(" mx1 mini[1]: ").append(q).append(": removed\n");
                case 7 -> sb.append(ts).append(" mbox1 mini[2]: D").append(q).append(": to=r").append(m)
                        .append("@y relay=local status=sent\n");
                default -> sb.append(ts).append(" mbox1 mini[2]: D").append(q).append(": removed\n");
            }
            if (++step[s] == 9) {
                step[s] = 0;
                message[s] = nextMessage++;
            }
        }
        buf = sb.toString().getBytes(StandardCharsets.UTF_8);
        pos = 0;
        return true;
    }
}
