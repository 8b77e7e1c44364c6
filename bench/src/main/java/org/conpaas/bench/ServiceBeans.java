package org.conpaas.bench;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;

/**
 * A service's bean made outside its Spring context, from the collaborators that context would
 * give it. The services keep such constructors package-private (projections, cert-service's
 * RevocationList), so the one that takes these collaborators is called reflectively.
 */
final class ServiceBeans {

    private ServiceBeans() {
    }

    static Object construct(String className, Object... collaborators) {
        try {
            for (Constructor<?> constructor : Class.forName(className).getDeclaredConstructors()) {
                if (takes(constructor, collaborators)) {
                    constructor.setAccessible(true);
                    return constructor.newInstance(collaborators);
                }
            }
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("the constructor of " + className + " failed", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + className, e);
        }
        throw new IllegalStateException(className + " has no constructor taking "
                + Arrays.stream(collaborators).map(c -> c.getClass().getSimpleName()).toList());
    }

    private static boolean takes(Constructor<?> constructor, Object[] collaborators) {
        Class<?>[] parameters = constructor.getParameterTypes();
        if (parameters.length != collaborators.length) {
            return false;
        }
        for (int i = 0; i < parameters.length; i++) {
            if (!parameters[i].isInstance(collaborators[i])) {
                return false;
            }
        }
        return true;
    }
}
