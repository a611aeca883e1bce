package io.rollwright.activities.traffic.electron;

import io.temporal.failure.ApplicationFailure;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.kohsuke.github.GHAsset;
import org.kohsuke.github.GHFileNotFoundException;
import org.kohsuke.github.GHRelease;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.HttpException;

/**
 * A repository's releases and their update files through GitHub's REST API ({@code
 * org.kohsuke:github-api}); an asset's content is read with the same token, since the client does
 * not download. Refusals (401, 403, 404, 422) are final and name the repository and the step;
 * anything else is retried by Temporal.
 */
final class GitHubReleases {
  /** Work against one repository. */
  interface Body<T> {
    T run(GHRepository repo) throws IOException;
  }

  private final GitHub github;
  private final String token;
  private final HttpClient http;
  private final Duration timeout;

  GitHubReleases(GitHub github, String token, Duration timeout) {
    this.github = github;
    this.token = token;
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  /** Runs {@code body} against {@code repository}, turning GitHub's errors into outcomes. */
  <T> T on(String repository, String what, Body<T> body) {
    try {
      return body.run(github.getRepository(repository));
    } catch (GHFileNotFoundException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          what + " in " + repository + ": GitHub answered 404 (no such repository, or no access)",
          "GitHubRefused");
    } catch (HttpException e) {
      String text = what + " in " + repository + ": GitHub answered " + e.getResponseCode();
      int code = e.getResponseCode();
      if (code == 401 || code == 403 || code == 404 || code == 422) {
        throw ApplicationFailure.newNonRetryableFailure(
            text + ": " + e.getMessage(), "GitHubRefused");
      }
      throw ApplicationFailure.newFailure(text + ": " + e.getMessage(), "GitHubApi");
    } catch (IOException e) {
      throw ApplicationFailure.newFailure(
          what + " in " + repository + ": GitHub unreachable: " + e, "GitHubApi");
    }
  }

  /** The release tagged {@code tag}, or a final failure saying the build publishes it. */
  static GHRelease release(GHRepository repo, String tag) throws IOException {
    GHRelease release = repo.getReleaseByTagName(tag);
    if (release == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "no release tagged "
              + tag
              + " in "
              + repo.getFullName()
              + " (the build publishes it, with its update files)",
          "ReleaseNotFound");
    }
    return release;
  }

  /** Whether {@code release} is the repository's latest release. */
  static boolean isLatest(GHRepository repo, GHRelease release) throws IOException {
    GHRelease latest;
    try {
      latest = repo.getLatestRelease();
    } catch (GHFileNotFoundException none) {
      return false;
    }
    return latest != null && latest.getId() == release.getId();
  }

  /** The release's electron-updater files ({@code latest*.yml}). */
  static List<GHAsset> updateFiles(GHRelease release) throws IOException {
    List<GHAsset> files = new ArrayList<>();
    for (GHAsset a : release.listAssets()) {
      if (ElectronUpdateFile.NAME.matcher(a.getName()).matches()) {
        files.add(a);
      }
    }
    return files;
  }

  /** The content of {@code asset}, as text. */
  String read(GHAsset asset) throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(asset.getUrl().toString()))
            .timeout(timeout)
            .header("Accept", "application/octet-stream")
            .header("Authorization", "Bearer " + token)
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted reading " + asset.getName(), e);
    }
    if (response.statusCode() != 200) {
      throw new IOException("reading " + asset.getName() + ": " + response.statusCode());
    }
    return response.body();
  }

  /** Replaces {@code asset} of {@code release} with {@code text}, under the same name. */
  static void replace(GHRelease release, GHAsset asset, String text) throws IOException {
    asset.delete();
    release.uploadAsset(
        asset.getName(),
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
        "application/x-yaml");
  }
}
