package dev.mailtrace.listen;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.mailtrace.listen.Framer.FrameHandler;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;

/**
 * The sockets: UDP (one datagram, one message), TCP and TLS (a {@link Framer} per connection), on
 * a few Netty event-loop threads for any number of connections. Every message goes to the
 * {@link Spool} with its sender and receive time. When the spool is full, TCP and TLS connections
 * stop reading (the senders buffer, as rsyslog does) until it has room again; UDP cannot wait, so
 * datagrams are dropped and counted. Senders outside the allow list are refused and counted.
 */
final class Receivers implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(Receivers.class);
    private static final PooledByteBufAllocator HEAP = new PooledByteBufAllocator(false);
    /** How often a paused connection looks whether the spool has room again. */
    private static final long RESUME_POLL_MILLIS = 5;

    private final Spool spool;
    private final ListenMetrics metrics;
    private final List<Cidr> allow;
    private final int maxMessage;
    private final SslContext tls;
    private final EventLoopGroup group;
    private final ChannelGroup servers = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);

    Receivers(Spool spool, ListenMetrics metrics, List<Cidr> allow, int maxMessage, SslContext tls, int threads) {
        this.spool = spool;
        this.metrics = metrics;
        this.allow = List.copyOf(allow);
        this.maxMessage = maxMessage;
        this.tls = tls;
        this.group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
    }

    /** Binds every endpoint; returns them with the ports actually bound. */
    List<Endpoint> bind(List<Endpoint> endpoints) throws IOException {
        List<Endpoint> bound = new ArrayList<>();
        for (Endpoint e : endpoints) {
            Channel ch;
            try {
                ch = e.protocol() == Protocol.UDP ? bindUdp(e.address()) : bindStream(e.protocol(), e.address());
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while binding " + e, ex);
            } catch (RuntimeException ex) {
                throw new IOException("cannot listen on " + e + ": " + ex.getMessage(), ex);
            }
            servers.add(ch);
            bound.add(new Endpoint(e.protocol(), (InetSocketAddress) ch.localAddress()));
        }
        return bound;
    }

    private Channel bindUdp(InetSocketAddress address) throws InterruptedException {
        return new Bootstrap().group(group).channel(NioDatagramChannel.class)
                .option(ChannelOption.ALLOCATOR, HEAP)
                .option(ChannelOption.SO_RCVBUF, 8 << 20)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(65536))
                .handler(new DatagramHandler()).bind(address).sync().channel();
    }

    private Channel bindStream(Protocol protocol, InetSocketAddress address) throws InterruptedException {
        return new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.ALLOCATOR, HEAP)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (!allowed(ch.remoteAddress().getAddress())) {
                            metrics.refused(protocol);
                            ch.close();
                            return;
                        }
                        connections.add(ch);
                        if (protocol == Protocol.TLS) {
                            ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast(new StreamHandler(protocol, ch.remoteAddress()));
                    }
                }).bind(address).sync().channel();
    }

    private boolean allowed(InetAddress a) {
        if (allow.isEmpty()) {
            return true;
        }
        for (Cidr c : allow) {
            if (c.contains(a)) {
                return true;
            }
        }
        return false;
    }

    private static String peerName(InetSocketAddress a) {
        return a.getAddress().getHostAddress();
    }

    /** One TCP or TLS connection: frames its stream into the spool. */
    private final class StreamHandler extends ChannelInboundHandlerAdapter implements FrameHandler {
        private final Protocol protocol;
        private final byte[] address;
        private final int port;
        private final CounterDataPoint counter;
        private final Framer framer = new Framer(maxMessage);
        private long receiveMillis;
        private IOException failure;

        StreamHandler(Protocol protocol, InetSocketAddress peer) {
            this.protocol = protocol;
            this.address = peer.getAddress().getAddress();
            this.port = peer.getPort();
            this.counter = metrics.receivedFrom(protocol, peerName(peer));
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            try {
                receiveMillis = System.currentTimeMillis();
                if (buf.hasArray()) {
                    framer.feed(buf.array(), buf.arrayOffset() + buf.readerIndex(), buf.readableBytes(), this);
                } else {
                    byte[] copy = new byte[buf.readableBytes()];
                    buf.getBytes(buf.readerIndex(), copy);
                    framer.feed(copy, 0, copy.length, this);
                }
            } finally {
                buf.release();
            }
            if (failure != null) {
                LOG.error("cannot spool from {}: closing the connection", ctx.channel().remoteAddress(), failure);
                ctx.close();
            } else if (spool.full() && ctx.channel().config().isAutoRead()) {
                ctx.channel().config().setAutoRead(false);
                resumeWhenRoom(ctx);
            }
        }

        /** Polls the spool on this connection's own thread: no wake-up from another thread can be missed. */
        private void resumeWhenRoom(ChannelHandlerContext ctx) {
            ctx.executor().schedule(() -> {
                if (!ctx.channel().isActive()) {
                    return;
                }
                if (spool.full()) {
                    resumeWhenRoom(ctx);
                } else {
                    ctx.channel().config().setAutoRead(true);
                }
            }, RESUME_POLL_MILLIS, TimeUnit.MILLISECONDS);
        }

        @Override
        public void frame(byte[] buf, int off, int len, int flags) {
            if (failure != null) {
                return;
            }
            try {
                spool.append(receiveMillis, protocol, address, port, buf, off, len, flags);
                metrics.received(protocol, counter, flags);
            } catch (IOException e) {
                failure = e;
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            receiveMillis = System.currentTimeMillis();
            framer.end(this);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.warn("connection from {} failed: {}", ctx.channel().remoteAddress(), String.valueOf(cause));
            LOG.debug("connection failure", cause);
            ctx.close();
        }
    }

    /** UDP: one datagram, one message, without a trailing LF, CRLF or NUL. */
    private final class DatagramHandler extends SimpleChannelInboundHandler<DatagramPacket> {
        /** Datagrams arrive in direct buffers: copied here (one channel, one thread). */
        private final byte[] copy = new byte[65536];

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) throws IOException {
            InetSocketAddress sender = packet.sender();
            if (!allowed(sender.getAddress())) {
                metrics.refused(Protocol.UDP);
                return;
            }
            if (spool.full()) {
                metrics.dropUdp();
                return;
            }
            ByteBuf buf = packet.content();
            int len = buf.readableBytes();
            byte[] b;
            int off;
            if (buf.hasArray()) {
                b = buf.array();
                off = buf.arrayOffset() + buf.readerIndex();
            } else {
                b = copy;
                off = 0;
                buf.getBytes(buf.readerIndex(), copy, 0, len);
            }
            while (len > 0 && (b[off + len - 1] == '\n' || b[off + len - 1] == '\r' || b[off + len - 1] == 0)) {
                len--;
            }
            int flags = 0;
            if (len > maxMessage) {
                len = maxMessage;
                flags = Framer.OVERSIZE;
            }
            spool.append(System.currentTimeMillis(), Protocol.UDP, sender.getAddress().getAddress(), sender.getPort(), b, off,
                    len, flags);
            metrics.received(Protocol.UDP, metrics.receivedUdp(peerName(sender)), flags);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.error("UDP receiver on {} failed", ctx.channel().localAddress(), cause);
        }
    }

    /** Stops accepting and reading: closes the listening sockets, then every connection (delivering their last frames). */
    void stopReceiving() {
        servers.close().awaitUninterruptibly();
        connections.close().awaitUninterruptibly();
    }

    @Override
    public void close() {
        stopReceiving();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
