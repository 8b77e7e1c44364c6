package org.conpaas.nutshell;

/** Stands in for a service that starts but never answers its health endpoint. */
public final class Sleeper {

    private Sleeper() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.out.println("sleeper starting, never healthy");
        Thread.sleep(120_000);
    }
}
