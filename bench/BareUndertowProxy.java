import io.undertow.Undertow;
import io.undertow.server.handlers.proxy.LoadBalancingProxyClient;
import io.undertow.server.handlers.proxy.ProxyHandler;

import java.net.URI;

/**
 * The floor Junction is held to: Undertow's own LoadBalancingProxyClient round robin over the same
 * backends, with no routing, no plugins and no metrics. Run by bench/run.sh as the "undertow" target:
 *   java -cp 'runtime/dist/target/junction/lib/*' bench/BareUndertowProxy.java PORT URL...
 */
public class BareUndertowProxy {
    public static void main(String[] args) {
        LoadBalancingProxyClient client = new LoadBalancingProxyClient().setConnectionsPerThread(64);
        for (int i = 1; i < args.length; i++) {
            client.addHost(URI.create(args[i]));
        }
        Undertow.builder()
                .addHttpListener(Integer.parseInt(args[0]), "127.0.0.1")
                .setHandler(ProxyHandler.builder().setProxyClient(client).setMaxRequestTime(30_000).build())
                .build()
                .start();
    }
}
