package io.kcplab.protocol;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * What every Vector API kernel in the core shares: the module probe, loading a kernel class by reflection (so
 * the core runs without {@code jdk.incubator.vector}), the un-inlined call, and one fallback policy.
 *
 * <p><b>Fallback policy.</b> In {@code auto} mode the scalar kernel is used when the module is absent or the
 * kernel says it cannot run here ({@link UnsupportedOperationException}, e.g. vectors too short); it gives the
 * same bytes. Any other failure to load (a link error, a broken self-check) is a loud
 * {@link IllegalStateException}, and so is a checked exception out of a running kernel ({@link #kernelFailure});
 * runtime exceptions and errors from a kernel propagate unchanged. Never a silent switch to scalar.
 *
 * <p><b>Un-inlined call.</b> Kernels are called through a {@link MethodHandle} read from an array element, which
 * C2 never treats as a constant, so the call stays a real call and each vector loop is compiled and
 * escape-analysed on its own. Inlined into a large caller (the packet pipeline), JDK 17's C2 can stop inlining at
 * its node budget, leaving Vector API helpers as calls that box a vector each (seen: bytes per FEC group up to
 * MBs per packet, varying between JVM runs). Cost: one indirect call per kernel call.
 *
 * <p>Internal to KcpLab's protocol packages; public only because they are several.
 */
public final class VectorSupport {

    public static final String MODULE = "jdk.incubator.vector";

    private VectorSupport() {
    }

    /** True when {@code jdk.incubator.vector} is in the boot layer. */
    public static boolean modulePresent() {
        return ModuleLayer.boot().findModule(MODULE).isPresent();
    }

    /**
     * An instance of {@code className} (found through the caller's {@code lookup}, no-argument constructor) as
     * {@code type}.
     *
     * @throws UnsupportedOperationException if the module is absent, or as the kernel's constructor throws it
     * @throws IllegalStateException         if the class cannot be loaded or linked
     */
    public static <T> T load(MethodHandles.Lookup lookup, String className, Class<T> type) {
        if (!modulePresent()) {
            throw new UnsupportedOperationException(className + " needs the Vector API: start the JVM with"
                    + " --add-modules " + MODULE + " (or choose the scalar kernel)");
        }
        try {
            Class<?> kernel = lookup.findClass(className);
            MethodHandle constructor = lookup.findConstructor(kernel, MethodType.methodType(void.class));
            return type.cast(constructor.invoke());
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot load the Vector API kernel " + className + ": " + e, e);
        }
    }

    /**
     * The policy for a kernel {@code mode} ({@code auto}, {@code scalar} or {@code vector}): null for scalar;
     * {@code load}'s kernel for vector (its failures thrown); for auto, the kernel, or null when it is
     * unsupported here (module absent, vectors too short). Other failures are thrown in every mode.
     */
    public static <T> T choose(String mode, MethodHandles.Lookup lookup, String className, Class<T> type) {
        switch (mode) {
            case "scalar":
                return null;
            case "vector":
                return load(lookup, className, type);
            case "auto":
                try {
                    return load(lookup, className, type);
                } catch (UnsupportedOperationException e) {
                    return null; // the scalar kernel gives the same bytes
                }
            default:
                throw new IllegalArgumentException("unknown kernel mode '" + mode + "'; accepted: auto, scalar, vector");
        }
    }

    /**
     * {@code declaring.name} of type {@code type} as a method handle, bound to {@code receiver} if it is not null
     * (then {@code name} is an instance method). Keep it in an array element and call it with
     * {@code invokeExact}; see the class comment for why.
     */
    public static MethodHandle unInlined(MethodHandles.Lookup lookup, Class<?> declaring, String name,
                                         MethodType type, Object receiver) {
        try {
            MethodHandle h = lookup.findVirtual(declaring, name, type);
            return receiver == null ? h : h.bindTo(receiver);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no kernel method " + declaring.getName() + "." + name + type, e);
        }
    }

    /** What a checked exception out of a kernel call becomes (runtime exceptions and errors pass unchanged). */
    public static IllegalStateException kernelFailure(String kernel, Throwable e) {
        return new IllegalStateException("the Vector API kernel " + kernel + " failed: " + e, e);
    }
}
