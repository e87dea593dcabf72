package io.claimshub.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Shows the kernel behind the 1 s ACK of issue 21 without the hub: a listener with a queue of
 * {@code backlog} attempts whose accept thread is busy for 200 ms while 8 senders connect and write at
 * once; prints when each sender's first byte could be read. See BENCHMARKS.md:
 * <pre>java -cp target/test-classes io.claimshub.bench.ListenBacklogDemo 5</pre>
 */
public final class ListenBacklogDemo {

    private ListenBacklogDemo() {
    }

    public static void main(String[] args) throws Exception {
        int backlog = Integer.parseInt(args[0]);
        ServerSocket server = new ServerSocket(0, backlog, InetAddress.getLoopbackAddress());
        long start = System.nanoTime();
        List<Long> firstByteMillis = Collections.synchronizedList(new ArrayList<>());
        Thread acceptor = new Thread(() -> {
            try {
                Thread.sleep(200);
                while (true) {
                    Socket accepted = server.accept();
                    new Thread(() -> {
                        try {
                            accepted.getInputStream().read();
                            firstByteMillis.add((System.nanoTime() - start) / 1_000_000);
                        } catch (IOException ignored) {
                            // the demo ends by exiting
                        }
                    }).start();
                }
            } catch (IOException | InterruptedException ignored) {
                // the demo ends by exiting
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        ExecutorService senders = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 8; i++) {
            senders.submit(() -> {
                Socket sender = new Socket();
                sender.connect(server.getLocalSocketAddress());
                sender.getOutputStream().write(1);
                return sender;
            });
        }
        Thread.sleep(4000);
        Collections.sort(firstByteMillis);
        System.out.println("backlog " + backlog + ": first byte of the 8 senders read at ms " + firstByteMillis);
        System.exit(0);
    }
}
