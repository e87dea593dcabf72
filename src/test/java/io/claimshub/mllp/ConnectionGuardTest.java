package io.claimshub.mllp;

import io.claimshub.observe.ClaimMetrics;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which new connections are taken: 10 in all, 3 per address, the last 2 free ones only for an address holding none. */
class ConnectionGuardTest {

    private final ConnectionGuard guard = new ConnectionGuard(new ConnectionLimits(10, 3, 2, 5000, 30000),
            ClaimMetrics.disabled());

    @Test
    void an_address_gets_at_most_its_share_and_another_address_still_gets_in() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(guard.admit(new Socket(), address(2))).isEmpty();
        }
        assertThat(guard.admit(new Socket(), address(2))).contains(ConnectionDrop.ADDRESS_LIMIT);
        assertThat(guard.admit(new Socket(), address(3))).isEmpty();
    }

    @Test
    void the_last_free_connections_go_only_to_an_address_that_holds_none() throws Exception {
        for (int a = 2; a <= 5; a++) {
            for (int i = 0; i < 2; i++) {
                assertThat(guard.admit(new Socket(), address(a))).isEmpty();
            }
        }
        // 8 of 10 taken: the 2 left are kept back
        assertThat(guard.admit(new Socket(), address(2))).contains(ConnectionDrop.RESERVED_FOR_OTHERS);
        assertThat(guard.admit(new Socket(), address(6))).isEmpty();
        assertThat(guard.admit(new Socket(), address(7))).isEmpty();
        assertThat(guard.admit(new Socket(), address(8))).contains(ConnectionDrop.CONNECTION_LIMIT);
    }

    @Test
    void a_released_or_closed_connection_gives_its_place_back() throws Exception {
        List<Socket> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Socket socket = new Socket();
            guard.admit(socket, address(2));
            held.add(socket);
        }
        guard.release(held.get(0));
        assertThat(guard.admit(new Socket(), address(2))).isEmpty();
        held.get(1).close();
        assertThat(guard.admit(new Socket(), address(2))).as("closed without a release").isEmpty();
        assertThat(guard.openConnections()).isEqualTo(3);
    }

    @Test
    void limits_that_would_let_nobody_in_are_refused_at_start() {
        assertThatThrownBy(() -> new ConnectionLimits(4, 1, 4, 5000, 30000))
                .hasMessageContaining("reserved-connections from 0 to max-connections - 1");
    }

    private static InetAddress address(int last) throws Exception {
        return InetAddress.getByAddress(new byte[]{127, 0, 0, (byte) last});
    }
}
