package io.vigil.bench.ingest;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.vigil.config.CameraId;
import io.vigil.config.Transport;
import io.vigil.ingest.rtsp.client.PullOptions;
import io.vigil.ingest.rtsp.client.RtspPullSession;
import io.vigil.ingest.stream.StreamListener;
import io.vigil.ingest.stream.VideoTrack;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Benchmark child: only the protocol side of Vigil. Pulls COUNT streams over TCP
 * interleaved and hands every RTP packet to a listener that only counts it, so its CPU
 * is what RTSP/RTP reception costs (no depacketizing, no segments, no encryption).
 * Driven over stdin: "mark" and "stop" print the counters.
 */
public final class ProtocolPullChild {
    private ProtocolPullChild() {}

    public static void main(String[] args) throws Exception {
        String urlBase = args[0];
        int count = Integer.parseInt(args[1]);
        LongAdder packets = new LongAdder();
        LongAdder bytes = new LongAdder();
        LongAdder ends = new LongAdder();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        List<RtspPullSession> sessions = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String id = String.format("cam%02d", i);
            RtspPullSession s = new RtspPullSession(CameraId.of(id), PullOptions.of(urlBase + id, Transport.TCP, null, null), group, new StreamListener() {
                @Override
                public void onStart(VideoTrack track) {
                }

                @Override
                public void onRtp(byte[] packet) {
                    packets.increment();
                    bytes.add(packet.length);
                }

                @Override
                public void onEnd(String reason) {
                    ends.increment();
                }
            });
            s.start().get(30, TimeUnit.SECONDS);
            sessions.add(s);
        }
        System.out.println("READY");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.equals("mark") || line.equals("stop")) {
                System.out.println(line.toUpperCase() + " packets=" + packets.sum() + " bytes=" + bytes.sum() + " ends=" + ends.sum());
                System.out.flush();
            }
            if (line.equals("stop")) break;
        }
        for (RtspPullSession s : sessions) s.close("benchmark over");
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
