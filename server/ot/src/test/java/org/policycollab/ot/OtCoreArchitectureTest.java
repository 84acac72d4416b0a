package org.policycollab.ot;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The OT core is a pure library: the server and every browser depend on it, it depends on no I/O. */
@AnalyzeClasses(packages = "org.policycollab.ot", importOptions = ImportOption.DoNotIncludeTests.class)
class OtCoreArchitectureTest {

  @ArchTest
  static final ArchRule noInputOutput =
      noClasses()
          .that()
          .resideInAPackage("org.policycollab.ot..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.vertx..",
              "io.netty..",
              "com.mongodb..",
              "org.bson..",
              "com.hazelcast..",
              "java.net..",
              "java.nio..",
              "java.io..",
              "java.sql..");
}
