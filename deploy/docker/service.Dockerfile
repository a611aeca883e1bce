# The Rollwright starter service (REST API, Slack interactivity). Build from the repository root
# after ./mvnw -q -B package -DskipTests:
#   docker build -f deploy/docker/service.Dockerfile -t rollwright-service:0.1.0 .
FROM eclipse-temurin:17-jre
RUN useradd --uid 10001 --no-create-home rollwright
COPY starter/service/target/rollwright-service.jar /app/rollwright-service.jar
USER 10001
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/rollwright-service.jar"]
