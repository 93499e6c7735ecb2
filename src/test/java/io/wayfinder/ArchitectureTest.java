package io.wayfinder;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The package boundaries of STYLE.md. */
@AnalyzeClasses(packages = "io.wayfinder", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule onlyTheUiImportsJavaFx = noClasses().that().resideOutsideOfPackage("io.wayfinder.ui..")
            .and().resideOutsideOfPackage("io.wayfinder.cli..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "io.fair_acc..")
            .because("only the workbench uses JavaFX and ChartFX (the CLI may only launch it)");

    @ArchTest
    static final ArchRule theCliOnlyLaunchesTheWorkbench = noClasses().that().resideInAPackage("io.wayfinder.cli..")
            .should().dependOnClassesThat(com.tngtech.archunit.core.domain.JavaClass.Predicates
                    .resideInAPackage("io.wayfinder.ui..")
                    .and(com.tngtech.archunit.base.DescribedPredicate.not(com.tngtech.archunit.core.domain.JavaClass
                            .Predicates.belongToAnyOf(io.wayfinder.ui.WorkbenchLauncher.class,
                                    io.wayfinder.ui.Workbench.Options.class, io.wayfinder.ui.GuiBenchmark.class,
                                    io.wayfinder.ui.GuiBenchmark.Options.class))))
            .because("the command line opens (or benchmarks) the workbench through its launcher and nothing else");

    @ArchTest
    static final ArchRule onlyChildModelsImportDeeplearning4j = noClasses().that()
            .resideOutsideOfPackage("io.wayfinder.child..")
            .should().dependOnClassesThat().resideInAnyPackage("org.deeplearning4j..", "org.nd4j..")
            .because("child networks are the only place that builds and trains Deeplearning4j networks");

    @ArchTest
    static final ArchRule lowerLayersDoNotReachUp = noClasses().that().resideInAnyPackage("io.wayfinder.space..",
                    "io.wayfinder.run..", "io.wayfinder.controller..", "io.wayfinder.strategy..", "io.wayfinder.task..",
                    "io.wayfinder.store..", "io.wayfinder.exec..", "io.wayfinder.child..")
            .should().dependOnClassesThat().resideInAnyPackage("io.wayfinder.service..", "io.wayfinder.cli..",
                    "io.wayfinder.ui..");

    @ArchTest
    static final ArchRule runIsTheBottom = noClasses().that().resideInAPackage("io.wayfinder.run..")
            .should().dependOnClassesThat().resideInAnyPackage("io.wayfinder.space..", "io.wayfinder.project..",
                    "io.wayfinder.metrics..", "io.wayfinder.graph..", "io.wayfinder.store..", "io.wayfinder.exec..",
                    "io.wayfinder.strategy..", "io.wayfinder.task..", "io.wayfinder.child..",
                    "io.wayfinder.controller..")
            .because("run holds the records of a run and the helpers every layer shares; it knows no other package");

    @ArchTest
    static final ArchRule spaceKnowsOnlyRun = noClasses().that().resideInAPackage("io.wayfinder.space..")
            .should().dependOnClassesThat().resideInAnyPackage("io.wayfinder.project..", "io.wayfinder.metrics..",
                    "io.wayfinder.graph..", "io.wayfinder.store..", "io.wayfinder.exec..",
                    "io.wayfinder.strategy..", "io.wayfinder.task..", "io.wayfinder.child..",
                    "io.wayfinder.controller..");

    @ArchTest
    static final ArchRule metricsArePureFunctionsOfRecords = noClasses().that().resideInAPackage("io.wayfinder.metrics..")
            .should().dependOnClassesThat().resideInAnyPackage("io.wayfinder.store..", "io.wayfinder.exec..",
                    "io.wayfinder.strategy..", "io.wayfinder.task..", "io.wayfinder.child..",
                    "io.wayfinder.controller..", "io.wayfinder.project..")
            .because("metrics are pure functions of trial records");

    @ArchTest
    static final ArchRule noPackageCycles = com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices()
            .matching("io.wayfinder.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule tasksDoNotKnowChildModels = noClasses().that().resideInAPackage("io.wayfinder.task..")
            .should().dependOnClassesThat().resideInAnyPackage("io.wayfinder.child..", "io.wayfinder.strategy..",
                    "io.wayfinder.exec..", "io.wayfinder.store..");

    @ArchTest
    static final ArchRule theControllerKnowsOnlySpacesAndRuns = noClasses().that().resideInAPackage("io.wayfinder.controller..")
            .should().dependOnClassesThat().resideInAnyPackage("io.wayfinder.strategy..", "io.wayfinder.exec..",
                    "io.wayfinder.store..", "io.wayfinder.task..", "io.wayfinder.child..")
            .because("the policy network is a pure function of the search space, its weights and a random source");
}
