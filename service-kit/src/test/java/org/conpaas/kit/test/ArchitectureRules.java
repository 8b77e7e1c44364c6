package org.conpaas.kit.test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layout rules every service obeys (STYLE.md 3 and 8): it reaches other services only through
 * the published language (contracts) and the shared kit, never their code; its feature packages
 * do not form cycles; and no feature reaches into another feature's {@code internal} package.
 */
public final class ArchitectureRules {

    private static final List<String> SERVICES = List.of("identity", "app", "vpn", "cert", "provisioning", "gateway",
            "nutshell", "agent", "cli");

    private ArchitectureRules() {
    }

    /** Checks the service whose root package is {@code org.conpaas.<service>}. */
    public static void check(String service) {
        String root = "org.conpaas." + service;
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(root);
        for (String other : SERVICES) {
            if (!other.equals(service)) {
                noClasses().should().dependOnClassesThat().resideInAPackage("org.conpaas." + other + "..")
                        .because("services talk through contracts and the broker, not each other's code")
                        .check(classes);
            }
        }
        slices().matching(root + ".(*)..").should().beFreeOfCycles().allowEmptyShould(true).check(classes);
        slices().matching(root + ".(*)..").should().notDependOnEachOther().ignoreDependency(
                        com.tngtech.archunit.base.DescribedPredicate.alwaysTrue(),
                        com.tngtech.archunit.base.DescribedPredicate.not(
                                com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage("..internal..")))
                .allowEmptyShould(true)
                .because("a feature's internal package is its own")
                .check(classes);
    }
}
