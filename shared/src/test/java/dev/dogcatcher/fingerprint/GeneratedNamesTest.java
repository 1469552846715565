package dev.dogcatcher.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GeneratedNamesTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "com.acme.Job$$Lambda$123/0x0000000800c0b440.run  | com.acme.Job$$Lambda.run",
        "com.acme.Job$$Lambda$45/1534030866.run           | com.acme.Job$$Lambda.run",
        "com.acme.Job$$Lambda/0x000001f8c1003a00.run      | com.acme.Job$$Lambda.run",
        "java.lang.invoke.LambdaForm$MH/0x0000000800c0c000 | java.lang.invoke.LambdaForm$MH",
        "jdk.proxy2.$Proxy12.handle                       | jdk.proxy.$Proxy.handle",
        "com.sun.proxy.$Proxy7.handle                     | com.sun.proxy.$Proxy.handle",
        "com.acme.Svc$$EnhancerBySpringCGLIB$$5d3a1b2c.go | com.acme.Svc$$EnhancerBySpringCGLIB.go",
        "com.acme.Svc$$FastClassBySpringCGLIB$$9f1e.go    | com.acme.Svc$$FastClassBySpringCGLIB.go",
        "com.acme.Svc$$SpringCGLIB$$0.go                  | com.acme.Svc$$SpringCGLIB.go",
        "com.acme.Svc$$EnhancerByGuice$$a1b2c3.go         | com.acme.Svc$$EnhancerByGuice.go",
        "com.acme.Svc$ByteBuddy$aB3xYz.go                 | com.acme.Svc$ByteBuddy.go",
        "com.acme.Svc$MockitoMock$1234567.go              | com.acme.Svc$MockitoMock.go",
        "com.acme.User$HibernateProxy$QzWx12.getName      | com.acme.User$HibernateProxy.getName",
        "com.acme.User_$$_jvst4f2_1.getName               | com.acme.User_$$_jvst.getName",
        "sun.reflect.GeneratedMethodAccessor123.invoke    | sun.reflect.GeneratedMethodAccessor.invoke",
        "jdk.internal.reflect.GeneratedConstructorAccessor9.newInstance | jdk.internal.reflect.GeneratedConstructorAccessor.newInstance",
        "com.acme.Outer$1.run                             | com.acme.Outer$1.run",
        "com.acme.Outer.lambda$main$0                     | com.acme.Outer.lambda$main$0",
      })
  void normalise_keepsTheStablePartOfGeneratedNames(String name, String stable) {
    assertThat(GeneratedNames.normalise(name)).isEqualTo(stable);
  }
}
