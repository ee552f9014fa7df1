package io.junction.server.cli;

import io.junction.core.check.ConfigException;
import io.junction.core.check.ConfigProblem;
import io.junction.core.model.Config;
import io.junction.core.model.HttpListenerSpec;
import io.junction.core.routing.Explanation;
import io.junction.core.routing.ListenerChoice;
import io.junction.core.routing.OfflineRequest;
import io.junction.core.routing.RouteTable;
import io.junction.dsl.RoutingScripts;
import io.junction.server.config.SettingsException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code junction explain}: which route a request takes in conf.d, and why every earlier route did not take it. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Show which route of conf.d a request takes: each earlier route with the matcher that failed, then the action. Exit 1 when conf.d does not compile.")
final class Explain implements Callable<Integer> {

    @CommandLine.Mixin
    Main.Locations locations = new Main.Locations();

    @Option(names = "--listener", description = "The http listener (default: the one on the URL's port, or the only one)")
    String listener;

    @Option(names = {"-H", "--header"}, description = "A request header, 'Name: value'; repeatable")
    List<String> headers = new ArrayList<>();

    @Option(names = "--client", description = "The client's address (default 127.0.0.1)")
    String client;

    @Parameters(index = "0", description = "The method, e.g. GET")
    String method;

    @Parameters(index = "1", description = "The URL, e.g. http://shop.example.com:8080/api/cart?x=1")
    String url;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Config config = RoutingScripts.compile(locations.settings().confDir());
            OfflineRequest request = request(method, url, headers, client);
            HttpListenerSpec chosen = ListenerChoice.choose(config, listener, URI.create(url).getPort(), HttpListenerSpec::port);
            Explanation explanation = RouteTable.compile(chosen, route -> route).explain(request);
            out.println("listener '" + chosen.name() + "': " + request);
            explanation.lines().forEach(out::println);
            out.flush();
            return 0;
        } catch (ConfigException e) {
            e.problems().stream().map(ConfigProblem::toString).forEach(err::println);
            err.println("not explained: the configuration has " + e.problems().size() + " error(s)");
        } catch (SettingsException e) {
            e.problems().forEach(err::println);
            err.println("not explained: the settings have " + e.problems().size() + " error(s)");
        } catch (IllegalArgumentException e) {
            err.println("not explained: " + e.getMessage());
        }
        err.flush();
        return 1;
    }

    private static OfflineRequest request(String method, String url, List<String> headers, String client) {
        OfflineRequest request = OfflineRequest.of(method, url);
        for (String header : headers) {
            request = request.withHeaderLine(header);
        }
        return client == null ? request : request.withClient(client);
    }
}
