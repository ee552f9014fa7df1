package io.junction.dsl.internal;

import groovy.lang.Closure;
import groovy.lang.Script;
import io.junction.dsl.JunctionScript;

import java.util.Map;

/** The base class of every compiled routing script: it gives scripts their top-level words. */
public abstract class JunctionBaseScript extends Script implements JunctionScript {

    private ConfigBuilder config;

    void buildInto(ConfigBuilder config) {
        this.config = config;
    }

    @Override
    public void pool(String name, Closure<?> body) {
        config.pool(this, name, body);
    }

    @Override
    public void http(Map<String, ?> options, String name, Closure<?> body) {
        config.http(this, options, name, body);
    }

    @Override
    public void https(Map<String, ?> options, String name, Closure<?> body) {
        config.https(this, options, name, body);
    }

    @Override
    public void tcp(Map<String, ?> options, String name, Closure<?> body) {
        config.tcp(this, options, name, body);
    }
}
