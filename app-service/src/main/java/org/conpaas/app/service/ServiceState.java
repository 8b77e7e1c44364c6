package org.conpaas.app.service;

import java.util.EnumSet;
import java.util.Set;

/**
 * The ConPaaS service lifecycle. INIT → PROLOGUE → RUNNING ⇄ ADAPTING → EPILOGUE → STOPPED, and
 * ERROR when a start or change fails or times out; a stopped service may start again.
 */
public enum ServiceState {
    INIT, PROLOGUE, RUNNING, ADAPTING, EPILOGUE, STOPPED, ERROR;

    private Set<ServiceState> next() {
        return switch (this) {
            case INIT, STOPPED -> EnumSet.of(PROLOGUE);
            case PROLOGUE -> EnumSet.of(RUNNING, ERROR, EPILOGUE);
            case RUNNING -> EnumSet.of(ADAPTING, EPILOGUE);
            case ADAPTING -> EnumSet.of(RUNNING, ERROR, EPILOGUE);
            case EPILOGUE -> EnumSet.of(STOPPED, ERROR);
            case ERROR -> EnumSet.of(EPILOGUE, STOPPED);
        };
    }

    public boolean canMoveTo(ServiceState target) {
        return next().contains(target);
    }

    /** A start, scaling or stop under way: these time out. */
    public boolean inTransition() {
        return this == PROLOGUE || this == ADAPTING || this == EPILOGUE;
    }
}
