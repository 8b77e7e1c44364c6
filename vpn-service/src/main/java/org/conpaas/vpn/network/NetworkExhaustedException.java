package org.conpaas.vpn.network;

/** No free subnet or address is left: the caller is told which limit was hit, never given a duplicate. */
public class NetworkExhaustedException extends org.conpaas.kit.domain.RuleViolationException {
    public NetworkExhaustedException(String message) {
        super(message);
    }
}
