package io.strata.local;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.strata.core.ingest.IngestOutcome;
import io.strata.core.ingest.IngestResult;
import jakarta.inject.Inject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The local console in a real headless Chromium: a lake with two committed drops and a quarantined
 * one, the page read as admin shows the batches, draws the row chart as SVG with one point per
 * batch, renders the quarantine report line by line, and its screenshot is not blank. Before it,
 * the quarantine routes under the role rules the page relies on.
 */
@QuarkusTest
@TestProfile(ConsoleLakeProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalConsoleTest {

  private static final Path RAW = Path.of("../../events/raw");
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final String ADMIN = "arn:aws:iam::000000000000:role/strata-admin";
  private static final String ANALYST = "arn:aws:iam::000000000000:role/strata-analyst";
  private static final String SCIENTIST = "arn:aws:iam::000000000000:role/strata-data-scientist";

  private static String quarantined;

  @Inject RawBucketWatcher watcher;

  @TestHTTPResource("/console/")
  URL console;

  @Test
  @Order(1)
  void twoDropsAreCommittedAndABrokenOneIsQuarantined() {
    assertThat(drop("bank_transactions/2024/01/15/a.csv", "transactions-2024-01-15.csv").outcome())
        .isEqualTo(IngestOutcome.COMMITTED);
    assertThat(drop("bank_transactions/2024/01/16/b.csv", "transactions-2024-01-16.csv").outcome())
        .isEqualTo(IngestOutcome.COMMITTED);
    IngestResult broken = drop("bank_transactions/2024/01/17/c.csv", "transactions-broken.csv");
    assertThat(broken.outcome()).isEqualTo(IngestOutcome.QUARANTINED);
    quarantined = broken.batchId();
  }

  @Test
  @Order(2)
  void quarantineRoutesListAndRenderTheReportUnderTheRoleRules() throws IOException {
    // admin: every line with its protected value
    as(ADMIN)
        .get("/datasets/bank_transactions/quarantine")
        .then()
        .statusCode(200)
        .body("[0].batchId", org.hamcrest.Matchers.equalTo(quarantined))
        .body("[0].reason", org.hamcrest.Matchers.equalTo("error_policy"));
    Response admin = as(ADMIN).get("/datasets/bank_transactions/quarantine/" + quarantined);
    admin.then().statusCode(200);
    List<Map<String, Object>> lines = admin.path("errors");
    assertThat(lines).isNotEmpty().allSatisfy(l -> assertThat(l).containsKeys("line", "rule"));
    assertThat(lines).anySatisfy(l -> assertThat(l.get("value")).isNotNull());

    // the analyst sees account_iban masked: the report gives it no value on those lines
    Response analyst = as(ANALYST).get("/datasets/bank_transactions/quarantine/" + quarantined);
    analyst.then().statusCode(200);
    List<Map<String, Object>> analystLines = analyst.path("errors");
    assertThat(analystLines).hasSameSizeAs(lines);
    assertThat(analystLines)
        .filteredOn(l -> "account_iban".equals(l.get("column")))
        .allSatisfy(l -> assertThat(l).doesNotContainKey("value"));

    // a role without a grant on the dataset gets nothing
    as(SCIENTIST).get("/datasets/bank_transactions/quarantine").then().statusCode(403);
    as(SCIENTIST)
        .get("/datasets/bank_transactions/quarantine/" + quarantined)
        .then()
        .statusCode(403);
    as(ADMIN).get("/datasets/bank_transactions/quarantine/not..an..id").then().statusCode(400);
    as(ADMIN).get("/datasets/bank_transactions/quarantine/ffffffffffff").then().statusCode(404);
    // no full IBAN of the raw file is in any answer
    String raw = Files.readString(RAW.resolve("bank_transactions/transactions-broken.csv"));
    String iban = raw.lines().skip(1).findFirst().orElseThrow().split(",")[1];
    assertThat(admin.asString()).doesNotContain(iban);
  }

  @Test
  @Order(3)
  void consoleDrawsBatchesChartsAndTheQuarantineReportInHeadlessChromium() throws IOException {
    Assumptions.assumeTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "chromium and chromium-driver are not installed (apt-get install -y chromium"
            + " chromium-driver; .ci/run installs them): the console's browser test is skipped");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1000");
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    WebDriver browser = new ChromeDriver(service, options);
    try {
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
      wait.withMessage(
          () ->
              "the console shows: "
                  + browser.findElement(By.id("status")).getText()
                  + " / "
                  + browser.findElement(By.tagName("main")).getText()
                  + " / "
                  + ((ChromeDriver) browser)
                      .executeScript("return document.getElementById('dataset').outerHTML"));
      browser.get(console.toString());
      wait.until(b -> !b.findElements(By.cssSelector("#role option")).isEmpty());
      new Select(browser.findElement(By.id("role"))).selectByVisibleText("admin");
      wait.until(
          b ->
              !b.findElements(By.cssSelector("button[data-dataset='bank_transactions']"))
                  .isEmpty());
      browser.findElement(By.cssSelector("button[data-dataset='bank_transactions']")).click();

      // the batches, with the quarantined one marked
      wait.until(b -> b.findElements(By.cssSelector("#batches tbody tr")).size() == 3);
      assertThat(browser.findElements(By.cssSelector("#batches td.quarantined"))).hasSize(1);
      // the row chart: an SVG with a point per batch and series
      wait.until(b -> !b.findElements(By.cssSelector("#chart-rows svg circle.point")).isEmpty());
      List<WebElement> points =
          browser.findElements(By.cssSelector("#chart-rows svg circle.point[data-series='rows']"));
      assertThat(points).hasSizeGreaterThanOrEqualTo(2);
      assertThat(points.stream().map(p -> p.getAttribute("data-value"))).contains("21", "6");
      assertThat(browser.findElements(By.cssSelector("#chart-rows svg polyline"))).isNotEmpty();
      // the null rates of the two committed batches' profiles (GET /datasets/{dataset}/quality)
      wait.until(b -> !b.findElements(By.cssSelector("#chart-nulls svg circle.point")).isEmpty());
      assertThat(
              browser.findElements(
                  By.cssSelector("#chart-nulls svg circle.point[data-series='counterparty']")))
          .hasSize(2);

      // the quarantine report, rendered line by line
      browser.findElement(By.cssSelector("#batches button.report")).click();
      wait.until(b -> !b.findElements(By.cssSelector("#quarantine-errors tbody tr")).isEmpty());
      assertThat(browser.findElement(By.id("quarantine-summary")).getText())
          .contains("error_policy");
      WebElement first = browser.findElement(By.cssSelector("#quarantine-errors tbody tr"));
      assertThat(first.findElements(By.tagName("td"))).hasSize(5);
      assertThat(first.findElements(By.tagName("td")).get(0).getText()).matches("\\d+");

      // the page as a person sees it: not blank
      byte[] png = ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES);
      Path shot = Path.of("target/console-screenshot.png");
      Files.write(shot, png);
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
      assertThat(nonWhiteShare(image)).isGreaterThan(0.05);
      assertThat(lumaVariance(image)).isGreaterThan(100.0);
    } finally {
      browser.quit();
    }
  }

  private static double nonWhiteShare(BufferedImage image) {
    long nonWhite = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y) & 0xFFFFFF;
        if (luma(rgb) < 240) {
          nonWhite++;
        }
      }
    }
    return (double) nonWhite / ((long) image.getWidth() * image.getHeight());
  }

  private static double lumaVariance(BufferedImage image) {
    double sum = 0;
    double squares = 0;
    long n = (long) image.getWidth() * image.getHeight();
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        double l = luma(image.getRGB(x, y) & 0xFFFFFF);
        sum += l;
        squares += l * l;
      }
    }
    double mean = sum / n;
    return squares / n - mean * mean;
  }

  private static double luma(int rgb) {
    return 0.299 * ((rgb >> 16) & 0xFF) + 0.587 * ((rgb >> 8) & 0xFF) + 0.114 * (rgb & 0xFF);
  }

  private IngestResult drop(String key, String sample) {
    try (S3Client s3 = client()) {
      s3.putObject(
          b -> b.bucket("strata-raw").key(key),
          RequestBody.fromFile(RAW.resolve("bank_transactions").resolve(sample)));
    }
    List<IngestResult> results =
        watcher.scan(false).results().stream().filter(r -> r.sourceUri().endsWith(key)).toList();
    assertThat(results).hasSize(1);
    return results.get(0);
  }

  private static io.restassured.specification.RequestSpecification as(String principal) {
    return given().accept(ContentType.JSON).header("X-Strata-Principal", principal);
  }

  private static S3Client client() {
    return TestLakes.s3Client(ConsoleLakeProfile.S3_PORT);
  }
}
