package io.ledgerbridge.worker.api;

import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Request bodies are read as sent: {@code "name": true} or {@code "name": 1.5} is refused, not
 * turned into text. Whole numbers stay accepted as text, because ids and schedule values are
 * numerals ({@code "companyId": 9130357766001001}, {@code "minute": [0, 30]}). The other strictness
 * rules (no scalar coercion, no numbers for enums, no trailing content, no duplicate keys) are the
 * {@code spring.jackson} settings in application.yml.
 */
@Configuration(proxyBeanMethods = false)
class StrictJson {

  @Bean
  Jackson2ObjectMapperBuilderCustomizer noBooleansOrFractionsAsText() {
    return builder -> builder.postConfigurer(mapper -> mapper.coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail));
  }
}
