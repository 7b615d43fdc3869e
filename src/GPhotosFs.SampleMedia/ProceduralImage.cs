using System.Buffers;

namespace GPhotosFs.SampleMedia;

/// <summary>
/// Renders a deterministic, seed-dependent picture: a smooth four-corner colour gradient with a few
/// soft-edged translucent discs and rounded rectangles on top. Smooth content compresses like a real
/// photo (and survives JPEG with high PSNR), and different seeds are visibly different pictures, which
/// makes a demo library browsable and makes mix-ups in tests obvious.
/// </summary>
/// <remarks>
/// Only correctly rounded IEEE operations (+, −, ×, ÷, sqrt, min/max, floor) touch pixels, so the
/// output is identical on every machine and runtime; transcendental functions are not guaranteed to be.
/// </remarks>
public static class ProceduralImage
{
    private const int MaxShapes = 6;

    /// <summary>
    /// Fills <paramref name="rgb24"/> with width × height RGB24 pixels for <paramref name="seed"/>.
    /// <paramref name="frame"/> animates the picture: shapes drift a little each frame, so consecutive
    /// video frames differ while staying recognisably the same scene.
    /// </summary>
    public static void Render(Span<byte> rgb24, int width, int height, int seed, int frame = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(frame);
        if (rgb24.Length < (long)width * height * 3)
            throw new ArgumentException($"Need {(long)width * height * 3} bytes for {width}×{height} RGB24.", nameof(rgb24));

        var random = new DeterministicRandom(seed);
        Span<Rgb> corners = stackalloc Rgb[4];
        for (int i = 0; i < 4; i++) corners[i] = RandomColor(ref random, 0.15f, 0.95f);

        int shapeCount = random.NextInt(3, MaxShapes + 1);
        Span<Shape> shapes = stackalloc Shape[shapeCount];
        float scale = Math.Min(width, height);
        for (int i = 0; i < shapeCount; i++)
            shapes[i] = RandomShape(ref random, width, height, scale, frame);

        // A soft edge about 1.5 px wide (wider on big images) avoids aliasing and JPEG ringing.
        float edge = Math.Max(1.5f, scale / 400f);
        float invWidth = 1f / Math.Max(1, width - 1), invHeight = 1f / Math.Max(1, height - 1);

        // One row of float colour (0–1) at a time: background first, then each shape blended over only
        // the columns it can touch, so the cost is the pixel count plus the shapes' areas.
        float[] rented = ArrayPool<float>.Shared.Rent(width * 3);
        try
        {
            Span<float> line = rented.AsSpan(0, width * 3);
            for (int y = 0; y < height; y++)
            {
                float v = y * invHeight;
                Rgb left = Rgb.Lerp(corners[0], corners[2], v), right = Rgb.Lerp(corners[1], corners[3], v);
                for (int x = 0; x < width; x++)
                {
                    Rgb c = Rgb.Lerp(left, right, x * invWidth);
                    line[x * 3] = c.R;
                    line[x * 3 + 1] = c.G;
                    line[x * 3 + 2] = c.B;
                }

                float py = y + 0.5f;
                foreach (ref readonly Shape shape in shapes)
                    shape.BlendRow(line, width, py, edge);

                Span<byte> row = rgb24.Slice(y * width * 3, width * 3);
                for (int i = 0; i < row.Length; i++)
                    row[i] = (byte)Math.Clamp((int)(line[i] * 255f + 0.5f), 0, 255);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rented);
        }
    }

    private static Rgb RandomColor(ref DeterministicRandom random, float min, float max) =>
        new(random.NextFloat(min, max), random.NextFloat(min, max), random.NextFloat(min, max));

    private static Shape RandomShape(ref DeterministicRandom random, int width, int height, float scale, int frame)
    {
        bool isDisc = random.NextFloat() < 0.55f;
        float halfWidth = random.NextFloat(0.08f, 0.28f) * scale;
        float halfHeight = isDisc ? halfWidth : random.NextFloat(0.06f, 0.22f) * scale;
        float cornerRadius = isDisc ? halfWidth : Math.Min(halfWidth, halfHeight) * random.NextFloat(0.1f, 0.6f);

        // Drift a fraction of the image per frame and wrap, so long videos keep moving.
        float velocityX = random.NextFloat(-0.02f, 0.02f), velocityY = random.NextFloat(-0.02f, 0.02f);
        float cx = Wrap(random.NextFloat() + velocityX * frame), cy = Wrap(random.NextFloat() + velocityY * frame);

        return new Shape(cx * width, cy * height, halfWidth, halfHeight, cornerRadius,
            RandomColor(ref random, 0f, 1f), random.NextFloat(0.55f, 0.9f));
    }

    private static float Wrap(float value) => value - MathF.Floor(value);

    private readonly record struct Rgb(float R, float G, float B)
    {
        public static Rgb Lerp(Rgb a, Rgb b, float t) =>
            new(a.R + (b.R - a.R) * t, a.G + (b.G - a.G) * t, a.B + (b.B - a.B) * t);
    }

    /// <summary>A rounded rectangle (a disc when the corner radius equals both half-extents).</summary>
    private readonly record struct Shape(float CenterX, float CenterY, float HalfWidth, float HalfHeight,
        float CornerRadius, Rgb Color, float Opacity)
    {
        /// <summary>Blends this shape into one row (float RGB triples, 0–1) at pixel-centre height <paramref name="y"/>.</summary>
        public void BlendRow(Span<float> line, int width, float y, float edge)
        {
            // Only columns within the bounding box (plus the soft edge) can be touched.
            if (MathF.Abs(y - CenterY) > HalfHeight + edge) return;
            int first = Math.Max(0, (int)MathF.Floor(CenterX - HalfWidth - edge));
            int last = Math.Min(width - 1, (int)MathF.Ceiling(CenterX + HalfWidth + edge));
            float invEdge = 1f / edge;
            for (int x = first; x <= last; x++)
            {
                float alpha = Coverage(x + 0.5f, y, invEdge) * Opacity;
                if (alpha <= 0) continue;
                int i = x * 3;
                line[i] += (Color.R - line[i]) * alpha;
                line[i + 1] += (Color.G - line[i + 1]) * alpha;
                line[i + 2] += (Color.B - line[i + 2]) * alpha;
            }
        }

        /// <summary>0 outside, 1 inside, a linear ramp across the edge (from the rounded box's signed distance).</summary>
        private float Coverage(float x, float y, float invEdge)
        {
            float dx = MathF.Abs(x - CenterX) - (HalfWidth - CornerRadius);
            float dy = MathF.Abs(y - CenterY) - (HalfHeight - CornerRadius);
            float outsideX = MathF.Max(dx, 0), outsideY = MathF.Max(dy, 0);
            float distance = MathF.Sqrt(outsideX * outsideX + outsideY * outsideY) + MathF.Min(MathF.Max(dx, dy), 0) - CornerRadius;
            return Math.Clamp(0.5f - distance * invEdge, 0f, 1f);
        }
    }
}
