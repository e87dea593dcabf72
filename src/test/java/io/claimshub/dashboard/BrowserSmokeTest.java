package io.claimshub.dashboard;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

import static org.assertj.core.api.Assertions.assertThat;

class BrowserSmokeTest {

    @Test
    void headless_chromium_runs_a_page_script() {
        ChromeDriver browser = Browser.start();
        try {
            browser.get("data:text/html,<p id=out></p><script>document.getElementById('out').textContent=6*7</script>");
            assertThat(browser.findElement(By.id("out")).getText()).isEqualTo("42");
        } finally {
            browser.quit();
        }
    }
}
