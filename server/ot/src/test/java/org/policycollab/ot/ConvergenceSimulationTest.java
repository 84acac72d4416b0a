package org.policycollab.ot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Many clients edit one document through a server, each with its own FIFO channels both ways, and the
 * simulation delivers messages in a random order between them, as ot.js's client-server test does.
 * Clients follow ShareDB's client (one op in flight, the rest pending); the server rebases an incoming
 * op over what it committed since the op's version, the committed op winning ties. At the end every copy
 * must be identical.
 */
class ConvergenceSimulationTest {

  @Property(tries = 200)
  void allCopiesEndIdentical(
      @ForAll long seed, @ForAll @IntRange(min = 2, max = 8) int clientCount) {
    Random random = new Random(seed);
    RandomDeltas deltas = new RandomDeltas(seed);
    Server server = new Server(deltas.document());
    List<Client> clients = new ArrayList<>();
    for (int i = 0; i < clientCount; i++) {
      clients.add(new Client(i, server));
    }

    for (int step = 0; step < 600; step++) {
      Client client = clients.get(random.nextInt(clientCount));
      switch (random.nextInt(4)) {
        case 0 -> client.edit(deltas.op(client.document));
        case 1 -> client.flush();
        case 2 -> server.receiveFrom(client);
        default -> client.receive();
      }
    }
    drain(server, clients);

    for (Client client : clients) {
      assertThat(client.document).as("client %d (seed %d)", client.id, seed).isEqualTo(server.document);
    }
  }

  private static void drain(Server server, List<Client> clients) {
    boolean busy = true;
    while (busy) {
      busy = false;
      for (Client client : clients) {
        client.flush();
        busy |= server.receiveFrom(client);
        busy |= client.receive();
      }
    }
  }

  /** An op on its way, with the server version it applies to. */
  private record Message(int clientId, int version, Delta op) {}

  private static final class Server {
    Delta document;
    final List<Delta> history = new ArrayList<>();
    final List<Client> clients = new ArrayList<>();

    Server(Delta document) {
      this.document = document;
    }

    /** Takes the next op from the client's uplink, if any. */
    boolean receiveFrom(Client client) {
      Message message = client.uplink.poll();
      if (message == null) {
        return false;
      }
      Delta op = message.op();
      for (Delta committed : history.subList(message.version(), history.size())) {
        op = committed.transform(op, true);
      }
      document = RichText.apply(document, op);
      history.add(op);
      int version = history.size() - 1;
      for (Client other : clients) {
        other.downlink.add(new Message(message.clientId(), version, op));
      }
      return true;
    }
  }

  private static final class Client {
    final int id;
    final Queue<Message> uplink = new ArrayDeque<>();
    final Queue<Message> downlink = new ArrayDeque<>();
    Delta document;
    int version;
    Delta inflight;
    Delta pending;

    Client(int id, Server server) {
      this.id = id;
      this.document = server.document;
      server.clients.add(this);
    }

    void edit(Delta op) {
      document = document.compose(op);
      pending = pending == null ? op : pending.compose(op);
    }

    void flush() {
      if (inflight == null && pending != null) {
        inflight = pending;
        pending = null;
        uplink.add(new Message(id, version, inflight));
      }
    }

    /** Takes the next op from the server: the ack of its own op, or someone else's. */
    boolean receive() {
      Message message = downlink.poll();
      if (message == null) {
        return false;
      }
      version = message.version() + 1;
      if (message.clientId() == id) {
        inflight = null;
        return true;
      }
      // The server's op came first: it wins ties against what this client has not had acked.
      //        server op
      //   . ------------> .
      //   | inflight      | inflight' = server.transform(inflight, true)
      //   v               v
      //   . ------------> .
      //        server'    = inflight.transform(server, false)
      Delta server = message.op();
      if (inflight != null) {
        Delta rebased = server.transform(inflight, true);
        server = inflight.transform(server, false);
        inflight = rebased;
      }
      if (pending != null) {
        Delta rebased = server.transform(pending, true);
        server = pending.transform(server, false);
        pending = rebased;
      }
      document = document.compose(server);
      return true;
    }
  }
}
