package dev.forecourt.inventory.application;

import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * What an uploaded photo must be, and what is kept of it. The bytes must start as a JPEG, PNG or
 * WebP file starts (its magic bytes; the declared type must agree), its dimensions — read from its
 * header before anything is decoded — must stay within the pixel limit, and it must decode. What is
 * kept is the server's own encoding of the decoded pixels: PNG for a PNG, JPEG otherwise. So
 * nothing of the upload but its pixels survives: no EXIF (place, device, time), no XMP, no comment,
 * no trailing data. The JDK reads JPEG and PNG; WebP is read by TwelveMonkeys' reader, created
 * directly (not through the JVM-wide ImageIO registry).
 */
public final class PhotoImages {

  /** The formats accepted, by their media type. */
  public enum Format {
    JPEG("image/jpeg"),
    PNG("image/png"),
    WEBP("image/webp");

    private final String mediaType;

    Format(String mediaType) {
      this.mediaType = mediaType;
    }

    public String mediaType() {
      return mediaType;
    }
  }

  /** A photo as kept: its media type, its dimensions and its bytes. */
  public record Kept(String contentType, int width, int height, byte[] bytes) {}

  /** Why an upload is not taken (said to the client as it is). */
  public static class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(String reason) {
      super(reason);
    }
  }

  private static final byte[] JPEG_MAGIC = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
  private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  private static final float JPEG_QUALITY = 0.9f;

  private PhotoImages() {}

  /** The format the bytes are, by their magic bytes. */
  public static Optional<Format> sniff(byte[] bytes) {
    if (startsWith(bytes, JPEG_MAGIC, 0)) {
      return Optional.of(Format.JPEG);
    }
    if (startsWith(bytes, PNG_MAGIC, 0)) {
      return Optional.of(Format.PNG);
    }
    if (startsWith(bytes, "RIFF".getBytes(), 0) && startsWith(bytes, "WEBP".getBytes(), 8)) {
      return Optional.of(Format.WEBP);
    }
    return Optional.empty();
  }

  /**
   * Checks an upload declared as {@code declaredType} and answers what is kept of it.
   *
   * @throws Refused when it is not a JPEG, PNG or WebP image of that type, has more than {@code
   *     maxPixels} pixels, or does not decode
   */
  public static Kept keep(byte[] upload, String declaredType, long maxPixels) throws Refused {
    Format format =
        sniff(upload).orElseThrow(() -> new Refused("The body is not a JPEG, PNG or WebP image"));
    String declared =
        declaredType == null ? "" : declaredType.split(";")[0].trim().toLowerCase(Locale.ROOT);
    if (!format.mediaType().equals(declared)) {
      throw new Refused(
          "The body is a " + format.mediaType() + " image, but Content-Type says " + declared);
    }
    ImageReader reader = reader(format);
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(upload))) {
      reader.setInput(in, true, true);
      int width = reader.getWidth(0);
      int height = reader.getHeight(0);
      if (width <= 0 || height <= 0 || (long) width * height > maxPixels) {
        throw new Refused(
            "The image is "
                + width
                + " × "
                + height
                + " pixels; at most "
                + maxPixels
                + " pixels are taken");
      }
      BufferedImage pixels = reader.read(0);
      return format == Format.PNG
          ? new Kept(Format.PNG.mediaType(), width, height, png(pixels))
          : new Kept(Format.JPEG.mediaType(), width, height, jpeg(opaque(pixels)));
    } catch (IOException | RuntimeException e) {
      throw new Refused("The image cannot be read: it is damaged or of an unsupported kind");
    } finally {
      reader.dispose();
    }
  }

  private static ImageReader reader(Format format) throws Refused {
    try {
      if (format == Format.WEBP) {
        return new WebPImageReaderSpi().createReaderInstance(null);
      }
      return ImageIO.getImageReadersByFormatName(format == Format.JPEG ? "jpeg" : "png").next();
    } catch (RuntimeException e) {
      throw new Refused("No reader for " + format.mediaType() + " images");
    }
  }

  /** JPEG has no alpha: transparent parts become white. */
  private static BufferedImage opaque(BufferedImage image) {
    if (image.getType() == BufferedImage.TYPE_INT_RGB
        || image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
      return image;
    }
    BufferedImage rgb =
        new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = rgb.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    g.drawImage(image, 0, 0, null);
    g.dispose();
    return rgb;
  }

  private static byte[] jpeg(BufferedImage image) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
      writer.setOutput(stream);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(JPEG_QUALITY);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  private static byte[] png(BufferedImage image) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (!ImageIO.write(image, "png", out)) {
      throw new IOException("no PNG writer");
    }
    return out.toByteArray();
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix, int at) {
    return bytes.length >= at + prefix.length
        && Arrays.equals(bytes, at, at + prefix.length, prefix, 0, prefix.length);
  }
}
